#!/usr/bin/env python3
"""Checks an strace log of `letterpress batch` (strace -f -y -e trace=openat,
renameat,fsync,syncfs,write -s 1000000) for the durability order: every
release the journal records as ok was written to a temporary file, flushed
(fsync of that file, or syncfs of its file system), renamed into its folder,
and the rename flushed (fsync of the folder, or syncfs) before its record was
written.

Usage: durable_order.py TRACE   (prints "N records" and exits 0 when all hold)
"""
import bisect
import re
import sys

CALL = re.compile(r'^(\d+) +(?:<\.\.\. (\w+) resumed>(.*)|(\w+)\((.*))$')


def events(path):
    """(name, args, phase) in log order; an unfinished call gives its
    'start' where it begins and its 'end' where it resumes."""
    pending = {}
    for line in open(path, encoding='utf-8', errors='replace'):
        m = CALL.match(line.rstrip('\n'))
        if not m:
            continue
        pid = m.group(1)
        if m.group(2):
            name, args = pending.pop(pid, (m.group(2), ''))
            yield name, args + m.group(3), 'end'
        elif m.group(5).endswith('<unfinished ...>'):
            args = m.group(5)[:-len('<unfinished ...>')].rstrip()
            pending[pid] = (m.group(4), args)
            yield m.group(4), args, 'start'
        else:
            yield m.group(4), m.group(5), 'start'
            yield m.group(4), m.group(5), 'end'


def main(path):
    created = {}   # temporary file name -> index its creation ended
    flushed = {}   # path -> indices its fsyncs ended, ascending
    flushed_all = []  # indices syncfs calls ended, ascending
    renamed = {}   # output base name -> (temp name, folder, start, end)
    journal = False
    checked = 0

    def between(indices, after, before):
        k = bisect.bisect_right(indices, after)
        return k < len(indices) and indices[k] < before

    def flushed_between(path, after, before):
        return between(flushed.get(path, []), after, before) or between(flushed_all, after, before)

    for i, (name, args, phase) in enumerate(events(path)):
        if name == 'openat' and phase == 'end':
            m = re.match(r'\d+<([^>]*/\.letterpress/tmp[^>/]*)>, "([^"]+)", [^)]*O_CREAT.*= \d+', args)
            if m:
                created[m.group(2)] = i
        elif name == 'renameat':
            m = re.match(r'\s*\d+<[^>]*>, "([^"]*)", \d+<([^>]*)>, "([^"]*)"', args)
            if not m:
                continue
            if phase == 'start':
                renamed[m.group(3)] = (m.group(1), m.group(2), i, None)
            elif m.group(3) in renamed and re.search(r'\)\s*=\s*0\s*$', args):
                temp, folder, start, _ = renamed[m.group(3)]
                renamed[m.group(3)] = (temp, folder, start, i)
        elif name == 'fsync' and phase == 'end':
            m = re.match(r'\d+<([^>]*)>\)?\s*=\s*0', args.strip())
            if m:
                flushed.setdefault(m.group(1), []).append(i)
        elif name == 'syncfs' and phase == 'end':
            if re.search(r'\)\s*=\s*0', args):
                flushed_all.append(i)
        elif name == 'write' and phase == 'start':
            m = re.match(r'\d+<([^>]*)>, "(.*)", \d+', args)
            if not m or not m.group(1).endswith('/.letterpress/journal'):
                continue
            journal = True
            for rec in re.findall(r'\{\\"source\\".*?\}\\n', m.group(2)):
                if '\\"status\\":\\"ok\\"' not in rec:
                    continue
                out = re.search(r'\\"output\\":\\"([^"\\]*)\\"', rec).group(1)
                base = out.rsplit('/', 1)[-1]
                if base not in renamed or renamed[base][3] is None:
                    sys.exit(f'{out}: recorded before it was renamed into place')
                temp, folder, start, end = renamed[base]
                if temp not in created:
                    sys.exit(f'{out}: its temporary file {temp} was not seen being made')
                if not (between(flushed_all, created[temp], start)
                        or any(p.endswith('/' + temp) and between(t, created[temp], start)
                               for p, t in flushed.items())):
                    sys.exit(f'{out}: renamed into place before its bytes were flushed')
                if not flushed_between(folder, end, i):
                    sys.exit(f'{out}: recorded before its rename was flushed')
                checked += 1
    if not journal:
        sys.exit('no journal written')
    print(f'{checked} records')


if __name__ == '__main__':
    main(sys.argv[1])
