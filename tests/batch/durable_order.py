#!/usr/bin/env python3
"""Checks an strace log of `letterpress batch` (strace -f -y -e trace=renameat,
fsync,write -s 1000000): every release the journal records as ok was renamed
into its folder, and that folder fsynced (through any descriptor: -y names
the folder), before the record was written.

Usage: durable_order.py TRACE   (prints "N records" and exits 0 when all hold)
"""
import re
import sys

call = re.compile(r'^(\d+) +(?:<\.\.\. (\w+) resumed>(.*)|(\w+)\((.*))$')

def main(path):
    pending = {}  # pid -> (name, args) of an unfinished call
    events = []   # (kind, args, phase) in log order; phase: 'start' or 'end'
    for line in open(path, encoding='utf-8', errors='replace'):
        line = line.rstrip('\n')
        m = call.match(line)
        if not m:
            continue
        pid = m.group(1)
        if m.group(2):  # "<... name resumed> rest"
            name, args = pending.pop(pid, (m.group(2), ''))
            events.append((name, args + m.group(3), 'end'))
            continue
        name, rest = m.group(4), m.group(5)
        if rest.endswith('<unfinished ...>'):
            pending[pid] = (name, rest[:-len('<unfinished ...>')].rstrip())
            events.append((name, rest, 'start'))
        else:
            events.append((name, rest, 'start'))
            events.append((name, rest, 'end'))

    journal = False
    renamed = {}   # base name -> (folder, index of the rename's end)
    synced = {}    # folder -> index of its last fsync's end
    checked = 0
    for i, (name, args, phase) in enumerate(events):
        if name == 'renameat' and phase == 'end':
            m = re.match(r'\s*\d+<[^>]*>, "[^"]*", \d+<([^>]*)>, "([^"]*)"\)\s*=\s*0', args)
            if m:
                renamed[m.group(2)] = (m.group(1), i)
        elif name == 'fsync' and phase == 'end':
            m = re.match(r'\d+<([^>]*)>\)?\s*=\s*0', args.strip())
            if m:
                synced[m.group(1)] = i
        elif name == 'write' and phase == 'start':
            m = re.match(r'\d+<([^>]*)>, "(.*)", \d+', args)
            if not m or not m.group(1).endswith('/.letterpress/journal'):
                continue
            journal = True
            text = m.group(2)
            for rec in re.findall(r'\{\\"source\\".*?\}\\n', text):
                if '\\"status\\":\\"ok\\"' not in rec:
                    continue
                out = re.search(r'\\"output\\":\\"([^"\\]*)\\"', rec).group(1)
                base = out.rsplit('/', 1)[-1]
                if base not in renamed:
                    sys.exit(f'{out}: recorded before it was renamed into place')
                folder, when = renamed[base]
                if synced.get(folder, -1) < when:
                    sys.exit(f'{out}: recorded before its folder was fsynced')
                checked += 1
    if not journal:
        sys.exit('no journal written')
    print(f'{checked} records')

if __name__ == '__main__':
    main(sys.argv[1])
