#!/usr/bin/env python3
# oracle: numpy==2.4.6, scipy==1.17.1 (scipy.optimize.least_squares). Design step, not a test oracle:
# fits the regressors' unweighted year means, the residual SDs per period and the HK6 year means so that
# Table 5.8's year dummies, constants, year-dummy SEs and adjusted R2 are met under the national trends
# of Table 5.4 (diagonal within Gram matrices V = sigma^2/SE^2). Self-contained: reads only
# datasets/vive2021/published/ and prints the fit diagnostics and, last, the Swift lines for
# VIVE2021CalibrationDesign.standard (totalResidualSD, the four regressor year-mean series and the
# hk6YearMeans prior). It writes no file.
import csv, numpy as np
import os
R=os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),'datasets','vive2021','published')+'/'
def rd(f): return list(csv.DictReader(open(R+f)))
YEARS=list(range(2014,2020))
KEYS=['share_unemployment_benefit','share_cash_education_benefit','share_vocational_rehabilitation','share_resource_course','ftu_pct_pop_17_64','ln_population','economic_pressure_index','disability_pension_pct_pop_17_64']
PERIODS={'2014-2019':[2014,2015,2016,2017,2018,2019],'2014-2016':[2014,2015,2016],'2017-2019':[2017,2018,2019]}
DEPS=['total','hk6','hk5']
fe=rd('table_5_8_fixed_effects.csv')
B={};S={};G={};GS={};C={};CS={}
for p in PERIODS:
  for d in DEPS:
    rows=[r for r in fe if r['period']==p and r['dependent']==d]
    m={r['term']:r for r in rows}
    B[p,d]=np.array([float(m[k]['coefficient']) for k in KEYS]); S[p,d]=np.array([float(m[k]['std_error']) for k in KEYS])
    ys=PERIODS[p]
    G[p,d]=np.array([0.0]+[float(m['year_%d'%y]['coefficient']) for y in ys[1:]])
    GS[p,d]=np.array([np.nan]+[float(m['year_%d'%y]['std_error']) for y in ys[1:]])
    C[p,d]=float(m['constant']['coefficient']); CS[p,d]=float(m['constant']['std_error'])
ms=rd('table_5_8_model_stats.csv')
ADJ={(r['period'],r['dependent']):float(r['adj_r2']) for r in ms}
VIF={r['period']:float(r['max_vif']) for r in ms}
t54=rd('table_5_4_fulltime_unemployed_by_group.csv')
GROUPS=['unemployment_benefit','cash_education_benefit','vocational_rehabilitation','flexjob_unemployment_benefit','sickness_benefit','resource_course']
T=np.array([[float([r for r in t54 if r['group']==g and int(r['year'])==y][0]['fulltime_unemployed']) for y in YEARS] for g in GROUPS])
TT=T.sum(0)
DP=np.array([float([r for r in t54 if r['group']=='disability_pension' and int(r['year'])==y][0]['fulltime_unemployed']) for y in YEARS])
t53=rd('table_5_3_expenditure_totals.csv')
HK5=np.array([float([r for r in t53 if int(r['year'])==y][0]['hk5_employment_measures_mdkk']) for y in YEARS])
HK6=np.array([float([r for r in t53 if int(r['year'])==y][0]['hk6_jobcentre_operation_mdkk']) for y in YEARS])
f58=rd('figure_5_8_by_framework_group.csv')
FW=np.array([[float([r for r in f58 if int(r['framework_group'])==g and int(r['year'])==y][0]['dkk_per_fulltime_unemployed']) for y in YEARS] for g in [1,2,3,4]])
f59=rd('figure_5_9_by_municipality_size.csv')
BANDS=['pop_lt_30k','pop_30k_50k','pop_50k_80k','pop_80k_120k','pop_gt_120k']
SZ=np.array([[float([r for r in f59 if r['group']==g and int(r['year'])==y][0]['dkk_per_fulltime_unemployed']) for y in YEARS] for g in BANDS])
f57=rd('figure_5_7_by_growth_quartile.csv')
QU=np.array([[float([r for r in f57 if int(r['quartile'])==g and int(r['year'])==y][0]['dkk_per_fulltime_unemployed']) for y in YEARS] for g in [1,2,3,4]])
YBAR=(FW*np.array([10,37,37,10])[:,None]).sum(0)/94
corr=rd('table_5_7_correlations.csv')
CORR={(r['variable'],r['column']):float(r['r']) for r in corr}
jc=rd('bilag_1_jobcentre_groups.csv')
from scipy.optimize import least_squares
NAT_SH=(T/TT*100)[[0,1,2,5]]          # ud, kh, rev, rf
A_nat=3.53e6*np.exp(0.0035*np.arange(6))
F_nat=100*TT/A_nat
D_nat=100*DP/A_nat
ratio={}
for p in PERIODS:
  for d in DEPS: ratio[p,d]=np.median(S[p,d]/S[p,'total'])
NPAR=4+ (6+1) +6 + 6 + (6+1) + 3 + 6 + 9
def unpack(x):
  i=0
  off=x[i:i+4]; i+=4
  mu=np.zeros((8,6))
  mu[:4]=NAT_SH+off[:,None]
  fdev=x[i:i+6]; foff=x[i+6]; i+=7
  mu[4]=F_nat+foff+fdev
  ldev=x[i:i+6]; i+=6
  mu[5]=10.85+0.004*np.arange(6)+ldev
  edev=x[i:i+6]; i+=6
  mu[6]=100+edev
  ddev=x[i:i+6]; doff=x[i+6]; i+=7
  mu[7]=D_nat+doff+ddev
  sig=dict(zip(PERIODS,np.exp(x[i:i+3]))); i+=3
  y6=x[i:i+6]; i+=6
  cons=x[i:i+9]; i+=9
  return mu,sig,y6,cons,(fdev,ldev,edev,ddev,off,foff,doff)
def ybar(d,y6):
  if d=='total': return YBAR
  if d=='hk6': return y6
  return YBAR-y6
def resid(x,verbose=False):
  mu,sig,y6,cons,(fdev,ldev,edev,ddev,off,foff,doff)=unpack(x)
  r=[]; j=0
  Vd={}
  for p,ys in PERIODS.items():
    idx=[y-2014 for y in ys]
    for d in DEPS:
      s=sig[p]*ratio[p,d]
      yb=ybar(d,y6)[idx]; m=mu[:,idx]
      # gamma identity
      gi=yb - m.T@B[p,d]; c=cons[j]; j+=1
      gimp=gi-c
      r+=list((gimp[1:]-G[p,d][1:])/GS[p,d][1:]*2)    # weight: aim for 0.5SE -> 1
      r+=list([(gimp[0]-0)/GS[p,d][1]*2])
      r+=[(c-C[p,d])/CS[p,d]*2]
      # SE gamma
      dm=m[:,1:]-m[:,[0]]
      seg=np.sqrt(s*s*2/94+((dm**2)*(S[p,d]**2)[:,None]).sum(0))
      r+=list(np.log(seg/GS[p,d][1:])/0.1)
      # adj r2
      N=94*len(ys); k=8+len(ys)-1; df=N-94-k
      yp=94*((yb-yb.mean())**2).sum()
      tsq=((B[p,d]/S[p,d])**2).sum()
      tss=yp+tsq*s*s+s*s*df
      adj=1-s*s*(N-1)/tss
      if verbose: print(p,d,'adj',round(adj,3),ADJ[p,d],'seg',seg.round(0),GS[p,d][1:],'gimp',gimp.round(0),G[p,d],'cons',round(c),C[p,d])
      r+=[(adj-ADJ[p,d])/0.03]
  # H>=0
  for k in range(8):
    h=(sig['2014-2019']/S['2014-2019','total'][k])**2-(sig['2014-2016']/S['2014-2016','total'][k])**2-(sig['2017-2019']/S['2017-2019','total'][k])**2
    hn=h/(sig['2014-2019']/S['2014-2019','total'][k])**2
    r+=[min(hn-0.1,0)*30]
  # priors
  nat6=HK6*1e6/TT; gap=YBAR-(HK5+HK6)*1e6/TT
  r+=list((y6-(nat6+0.45*gap))/250)
  r+=list(fdev/0.15)+list(ldev/0.003)+list(edev/4)+list(ddev/0.15)+list(off/5)+[foff/1.0,doff/1.0]
  return np.array(r)
x0=np.zeros(NPAR); i=4+7+6+6+7
x0[i:i+3]=np.log([2900,2335,3030]); x0[i+3:i+9]=YBAR*0.37; x0[i+9:]=[C[p,d] for p in PERIODS for d in DEPS]
sol=least_squares(resid,x0,max_nfev=20000)
print(sol.cost)
resid(sol.x,True)
mu,sig,y6,cons,dev=unpack(sol.x)
np.set_printoptions(suppress=True,linewidth=150)
print(mu.round(3)); print(sig); print(y6.round(0), (YBAR-y6).round(0))
for k in range(8):
  v=[(sig[p]/S[p,'total'][k])**2 for p in PERIODS]
  print(KEYS[k], [round(a,4) for a in v], 'H', round(v[0]-v[1]-v[2],4))
def swift(name, values): print(f"        {name}: [{', '.join(repr(float(v)) for v in values)}],")
print('// VIVE2021CalibrationDesign.standard (design_macro.py):')
swift('totalResidualSD', [sig[p] for p in PERIODS])
swift('ftuPercentYearMeans', mu[4].round(6))
swift('lnPopulationYearSteps', (mu[5] - mu[5][0]).round(6))
swift('economicPressureYearMeans', mu[6].round(6))
swift('disabilityPensionYearMeans', mu[7].round(6))
swift('hk6YearMeans', y6.round(6))
