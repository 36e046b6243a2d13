#!/usr/bin/env python3
# Replaces the line SUMMARY_PLACEHOLDER in datasets/vive2021/README.md by a summary of datasets/vive2021/FIT.md.
import collections, os
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
fit = os.path.join(root, 'datasets', 'vive2021', 'FIT.md'); readme = os.path.join(root, 'datasets', 'vive2021', 'README.md')
rows = [l for l in open(fit) if l.startswith('| ') and not l.startswith('| target')]
c = collections.Counter(); bad = collections.defaultdict(list)
for l in rows:
    f = [x.strip() for x in l.strip().strip('|').split('|')]
    c[f[0]] += 1
    if f[6] != 'yes': bad[f[0]].append(l.strip())
names = {'a': '(a) Table 5.4 ftu sums, within 1 ftu', 'b': '(b) Table 5.3 HK5/HK6 sums, within 0.5 %', 'c': '(c) Figures 5.7-5.9 group means, within 1 %', 'd': '(d) Table 5.9 quantiles, Figure 5.10 counts, second largest', 'e': '(e) Table 5.7 correlations, within ±0.10', 'f': '(f) Table 5.8: coefficients (0.5 SE), SEs (±30 %), adj. R² (±0.10), max VIF (±0.5)', 'g': '(g) populations in band, ln population stable, shares sum to 100'}
out = ['| target | checks | outside tolerance |', '|---|---:|---:|']
for k in 'abcdefg': out.append(f'| {names[k]} | {c[k]} | {len(bad[k])} |')
n = sum(len(v) for v in bad.values())
if n:
    out += ['', 'Checks outside tolerance:', '', '| target | item | published | ours | difference | tolerance | ok |', '|---|---|---:|---:|---:|---|---|']
    for k in 'abcdefg': out += bad[k]
s = open(readme).read()
open(readme, 'w').write(s.replace('SUMMARY_PLACEHOLDER', '\n'.join(out)))
