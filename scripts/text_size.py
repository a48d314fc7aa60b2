"""Documents and MB (10^6 bytes, UTF-8) of article text in JSONL on stdin."""

import json
import sys

docs = 0
size = 0
for line in sys.stdin:
    if line.strip():
        docs += 1
        size += len(json.loads(line).get("text", "").encode("utf-8"))
print(docs, size / 1e6)
