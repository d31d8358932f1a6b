#!/usr/bin/env python3
"""Share of the core's public items whose rustdoc carries an example.

An item is a line `pub fn|const fn|struct|enum|trait|const|type|static` in core/src (not
`pub(crate)`, not `pub use`/`pub mod`, trait and enum members not counted); it has an example
when the `///` block right above it (attributes may sit between) contains a ``` fence.
Usage: scripts/doc-examples.py [git-rev]   (default: the working tree), -v lists items without.
"""
import re, subprocess, sys, pathlib, collections

ITEM = re.compile(r'^\s*pub (?:const fn|fn|struct|enum|trait|const|type|static) (\w+)')
args = [a for a in sys.argv[1:] if a != '-v']
rev = args[0] if args else None
root = pathlib.Path(__file__).resolve().parent.parent

def files():
    if rev:
        out = subprocess.run(['git', '-C', root, 'ls-tree', '-r', '--name-only', rev, 'core/src'],
                             capture_output=True, text=True, check=True).stdout.split()
        for f in out:
            if f.endswith('.rs'):
                yield f, subprocess.run(['git', '-C', root, 'show', f'{rev}:{f}'], capture_output=True, text=True).stdout
    else:
        for p in sorted((root / 'core/src').rglob('*.rs')):
            yield str(p.relative_to(root)), p.read_text()

total = with_ex = 0
per_file = collections.defaultdict(lambda: [0, 0])
missing = []
for name, text in files():
    lines = text.splitlines()
    in_tests = False
    for i, line in enumerate(lines):
        if re.match(r'^(\s*)mod tests', line) or re.match(r'^mod \w+_tests', line):
            in_tests = True
        if in_tests or not ITEM.match(line):
            continue
        j, doc = i - 1, []
        while j >= 0 and (lines[j].strip().startswith('#[') or lines[j].strip().startswith('///')):
            doc.append(lines[j]); j -= 1
        has = any('```' in d for d in doc if d.strip().startswith('///'))
        total += 1; with_ex += has
        per_file[name][0] += 1; per_file[name][1] += has
        if not has:
            missing.append(f'{name}:{i + 1}: {ITEM.match(line).group(1)}')
print(f'{with_ex}/{total} public items have an example ({100 * with_ex / total:.1f} %)')
for f, (t, w) in sorted(per_file.items()):
    print(f'  {f}: {w}/{t}')
if '-v' in sys.argv:
    print('\n'.join(missing))
