"""Where a JFR recording's CPU samples went: the hottest methods by own time, and by time spent in
them or below (inclusive), optionally only frames matching a prefix.

    jfr print --events jdk.ExecutionSample --stack-depth 96 rec.jfr | python3 jfr_top.py [PREFIX] [N]
"""
import collections
import re
import sys

prefix = sys.argv[1] if len(sys.argv) > 1 else ""
top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
own, inclusive, samples, stack = collections.Counter(), collections.Counter(), 0, []


def flush():
    global samples
    if stack:
        samples += 1
        own[stack[0]] += 1
        for method in set(stack):
            inclusive[method] += 1


for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        flush()
        stack = []
    else:
        frame = FRAME.match(line)
        if frame:
            stack.append(frame.group(1))
flush()
print("%d samples" % samples)
for title, counter in (("own", own), ("inclusive", inclusive)):
    print("-- %s" % title)
    for method, n in [(m, n) for m, n in counter.most_common() if m.startswith(prefix)][:top]:
        print("%5.1f %%  %s" % (100.0 * n / max(samples, 1), method))
