#!/usr/bin/env python3
"""Writes NAME.gold.tsv beside each NAME.txt from the hand annotation in annotations.py.

The annotator lists, per document, each mention as (surface, entity, which) where which is
None (every occurrence of the surface as a whole word) or a list of occurrence numbers (1-based),
and each claim as a gold claim line. Offsets are computed here, so that a hand-written list of
names becomes exact character offsets; nothing is taken from REKG's own output.
"""
import re, sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from annotations import DOCS

root = pathlib.Path(__file__).parent.parent
for name, spec in DOCS.items():
    path = next(root.glob('*/' + name + '.txt'))
    text = path.read_text(encoding='utf-8')
    rows = []
    blocked = []  # spans of names that are not the graph's entities: nothing inside them is a mention
    for surface in spec.get('not', []):
        for m in re.finditer(re.escape(surface), text):
            blocked.append((m.start(), m.end()))
    for surface, entity, which in spec['mentions']:
        occ = [m.start() for m in re.finditer(r'(?<![\w])' + re.escape(surface) + r'(?![\w])', text)]
        if not occ:
            sys.exit(f'{name}: no "{surface}"')
        picked = occ if which is None else [occ[i - 1] for i in which]
        for b in picked:
            rows.append((b, b + len(surface), entity, surface))
    # the longest name wins where listed names overlap ("Lynas Rare Earths" over "Lynas")
    kept = []
    for r in sorted(rows, key=lambda r: r[0] - r[1]):
        if all(r[1] <= k[0] or r[0] >= k[1] for k in kept + blocked):
            kept.append(r)
    rows = sorted(kept)
    for a, b in zip(rows, rows[1:]):
        if b[0] < a[1]:
            sys.exit(f'{name}: overlapping mentions {a} {b}')
    out = ['# lang\t' + spec['lang'], '# source\t' + spec['url']]
    out += [f'M\t{b}\t{e}\t{ent}\t{s}' for b, e, ent, s in rows]
    out += ['C\t' + c.replace(' ', '\t') for c in spec['claims']]
    path.with_name(name + '.gold.tsv').write_text('\n'.join(out) + '\n', encoding='utf-8')
    print(name, len(rows), 'mentions', len(spec['claims']), 'claims')
