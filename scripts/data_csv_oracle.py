#!/usr/bin/env python3
"""Oracle for PanelStatsData's CSV reader: CPython's csv module (RFC 4180 quoting) and float()
(David Gay's correctly rounded decimal conversion).

oracle: CPython 3.11.7 (csv, float), no third-party packages
Writes, from the repository root:
  Tests/DataTests/Fixtures/rfc4180_tricky.csv   CRLF line ends, quoted fields with "" escapes,
                                                 commas and newlines inside quotes, UTF-8 (ø, æ, å)
  Tests/DataTests/Fixtures/rfc4180_tricky.json  per column the values: numbers as IEEE-754 bit
                                                 patterns (decimal strings of the uint64), text as
                                                 written; plus the line each data row starts on.
Run: python3 scripts/data_csv_oracle.py
"""
import csv
import io
import json
import random
import struct

random.seed(20241)

def bits(x: float) -> str:
    return str(struct.unpack("<Q", struct.pack("<d", x))[0])

# Decimal strings that stress conversion: halfway cases, subnormals, the extremes, long
# mantissas, many digits after the point, big and small exponents.
fixed = [
    "0", "-0", "0.1", "0.2", "0.3", "1e23", "8.98846567431158e307", "1.7976931348623157e308",
    "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "5e-324", "2.4703282292062327e-324",
    "9007199254740993", "9007199254740992", "9007199254740991", "18014398509481985",
    "0.30000000000000004", "123456789012345678901234567890", "1.00000000000000011102230246251565404236316680908203125",
    "3.141592653589793238462643383279", "-1.5e-10", "+2.5", ".5", "5.", "1E5", "1e+05", "1e-05",
    "0000001.2500000", "7.0e-1", "1e22", "1e-22", "9999999999999999", "99999999999999999999",
    "4503599627370496.5", "4503599627370497.5", "1.2345678901234567e-300", "6.02214076e23",
]
numbers = list(fixed)
while len(numbers) < 400:
    kind = random.randrange(4)
    if kind == 0:   # what %.17g writes
        numbers.append("%.17g" % random.uniform(-1e6, 1e6))
    elif kind == 1:  # short decimals as in survey data
        numbers.append("%.*f" % (random.randrange(0, 7), random.uniform(-1000, 1000)))
    elif kind == 2:  # repr of random doubles over the whole range
        x = struct.unpack("<d", struct.pack("<Q", random.getrandbits(64)))[0]
        if x != x or x in (float("inf"), float("-inf")):
            continue
        numbers.append(repr(x))
    else:            # many digits, random exponent
        digits = "".join(random.choice("0123456789") for _ in range(random.randrange(1, 30)))
        numbers.append("%s.%se%d" % (random.choice(["", "-"]) + str(random.randrange(10)), digits,
                                     random.randrange(-320, 300)))

labels = ["Øst", "Ærø", "Vest, syd", 'say "hi"', "line1\nline2", "two\r\nlines", "  padded  ",
          "007", "å", "plain"]

buffer = io.StringIO()
writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
writer.writerow(["id", "værdi", "note"])
rows = []
lines = []
for i, number in enumerate(numbers):
    label = labels[i % len(labels)]
    note = random.choice(["a", "b,c", 'd"e', "f\ng"]) if i % 3 == 0 else "n%d" % i
    lines.append(buffer.getvalue().count("\n") + 1)
    writer.writerow([label, number, note])
    rows.append((label, number, note))
text = buffer.getvalue()

# Read back with the csv module: the oracle for field contents.
parsed = list(csv.reader(io.StringIO(text, newline="")))
assert parsed[1:] == [list(r) for r in rows]

with open("Tests/DataTests/Fixtures/rfc4180_tricky.csv", "w", encoding="utf-8", newline="") as f:
    f.write(text)
expected = {
    "columns": parsed[0],
    "id": [r[0] for r in parsed[1:]],
    "værdi_text": [r[1] for r in parsed[1:]],
    "værdi_bits": [bits(float(r[1])) for r in parsed[1:]],
    "note": [r[2] for r in parsed[1:]],
    "lines": lines,
}
with open("Tests/DataTests/Fixtures/rfc4180_tricky.json", "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
