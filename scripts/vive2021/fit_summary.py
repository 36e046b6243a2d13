#!/usr/bin/env python3
# Writes a summary of datasets/vive2021/FIT.md (made by check_fit.py) into datasets/vive2021/README.md,
# between the lines <!-- fit-summary:start --> and <!-- fit-summary:end --> (rerunnable): per target the
# number of checks, how many are outside tolerance, and the check closest to its tolerance (target,
# published, ours, difference), then every check outside tolerance.
import collections, os
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
fit = os.path.join(root, 'datasets', 'vive2021', 'FIT.md'); readme = os.path.join(root, 'datasets', 'vive2021', 'README.md')
rows = [[x.strip() for x in l.strip().strip('|').split('|')] for l in open(fit) if l.startswith('| ') and not l.startswith('| target')]
count = collections.Counter(); bad = collections.defaultdict(list); worst = {}
for f in rows:
    target, used = f[0], f[6]
    count[target] += 1
    if f[7] != 'yes': bad[target].append(f)
    if used != '—' and (target not in worst or float(used) > float(worst[target][6])): worst[target] = f
names = {'a': '(a) Table 5.4 ftu sums', 'b': '(b) Table 5.3 HK5/HK6 sums', 'c': '(c) Figures 5.7-5.9 group means',
         'd': '(d) Table 5.9 quantiles, Figure 5.10 counts, second largest', 'e': '(e) Table 5.7 correlations',
         'f': '(f) Table 5.8 coefficients, SEs, adj. R², max VIF', 'g': '(g) populations, ln population, shares'}
out = ['| target | checks | outside tolerance | closest to its tolerance | published | ours | difference | tolerance | share of tolerance |',
       '|---|---:|---:|---|---:|---:|---:|---|---:|']
for k in 'abcdefg':
    w = worst[k]
    out.append(f'| {names[k]} | {count[k]} | {len(bad[k])} | {w[1]} | {w[2]} | {w[3]} | {w[4]} | {w[5]} | {w[6]} |')
n = sum(len(v) for v in bad.values())
out += ['', f'{sum(count.values())} checks, {n} outside tolerance.']
if n:
    out += ['', 'Checks outside tolerance:', '', '| target | item | published | ours | difference | tolerance | share of tolerance |', '|---|---|---:|---:|---:|---|---:|']
    for k in 'abcdefg': out += ['| ' + ' | '.join(f[:7]) + ' |' for f in bad[k]]
s = open(readme).read()
start, end = '<!-- fit-summary:start -->', '<!-- fit-summary:end -->'
a, b = s.index(start) + len(start), s.index(end)
open(readme, 'w').write(s[:a] + '\n' + '\n'.join(out) + '\n' + s[b:])
