"""Measures the layout of low-volume modules on SQLite: one shared documents table
(`records`, rows told apart by module) against a table per module, for the queries list
reads run (a count and a first page, filtered and sorted on a document field with an auto
index, as `records/auto_index` makes them). Prints microseconds per query and the ratio.

    python3 bench/documents_layout.py [rows per module] [modules]

Uses Python's sqlite3 (the same SQLite format and planner; not Kontor's build), JSON text
documents (Kontor stores JSONB; both layouts pay the same for it).
"""

import json
import random
import sqlite3
import sys
import time

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
MODULES = int(sys.argv[2]) if len(sys.argv) > 2 else 3
random.seed(7)

def doc(i):
    return json.dumps({"Prio": i % 5, "Status": i % 8, "Betreff": f"Aufgabe {i % 997}",
                       "Deadline": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"})

def expr_num(field):
    return f"COALESCE(CAST(json_extract(doc, '$.\"{field}\"') AS REAL), 0)"

def expr_text(field):
    return f"COALESCE(json_extract(doc, '$.\"{field}\"'), '')"

def build(conn, shared):
    names = [f"m{k}" for k in range(MODULES)]
    if shared:
        conn.execute("CREATE TABLE records (tenant_id INT, module TEXT, id INT, uuid TEXT, doc TEXT,"
                     " PRIMARY KEY (tenant_id, module, id))")
        for m in names:
            conn.executemany("INSERT INTO records VALUES (1, ?, ?, ?, ?)",
                             ((m, i, f"u{m}{i}", doc(i)) for i in range(ROWS)))
        conn.execute(f"CREATE INDEX a_n ON records (tenant_id, module, ({expr_num('Prio')}), id)")
        conn.execute(f"CREATE INDEX a_t ON records (tenant_id, module, ({expr_text('Deadline')}), id)")
    else:
        for m in names:
            conn.execute(f"CREATE TABLE t_{m} (tenant_id INT, id INT, uuid TEXT, doc TEXT,"
                         " PRIMARY KEY (tenant_id, id))")
            conn.executemany(f"INSERT INTO t_{m} VALUES (1, ?, ?, ?)",
                             ((i, f"u{m}{i}", doc(i)) for i in range(ROWS)))
            conn.execute(f"CREATE INDEX a_n_{m} ON t_{m} (tenant_id, ({expr_num('Prio')}), id)")
            conn.execute(f"CREATE INDEX a_t_{m} ON t_{m} (tenant_id, ({expr_text('Deadline')}), id)")
    conn.execute("ANALYZE")
    conn.commit()

def queries(shared):
    """The shapes list reads vary over: which field, which operator, which sort, which page."""
    out = []
    for k in range(200):
        m = f"m{k % MODULES}"
        table, scope, binds = ((f"records", "tenant_id = 1 AND module = ?", [m]) if shared
                               else (f"t_{m}", "tenant_id = 1", []))
        shape = k % 4
        if shape == 0:
            where, args, order = f"{expr_num('Prio')} = ?", [k % 5], "id"
        elif shape == 1:
            where, args, order = f"{expr_num('Prio')} BETWEEN ? AND ?", [1, 3], f"{expr_num('Prio')} DESC, id DESC"
        elif shape == 2:
            where, args, order = f"{expr_text('Deadline')} >= ?", [f"2026-{1 + k % 12:02d}-01"], f"{expr_text('Deadline')}, id"
        else:
            where, args, order = f"{expr_text('Deadline')} LIKE ?", [f"2026-0{1 + k % 9}%"], "id DESC"
        offset = (k * 7) % 60
        out.append((f"SELECT COUNT(*) FROM {table} WHERE {scope} AND {where}", binds + args))
        out.append((f"SELECT id, uuid, doc FROM {table} WHERE {scope} AND {where} ORDER BY {order}"
                    f" LIMIT 20 OFFSET {offset}", binds + args))
    return out

def measure(shared):
    conn = sqlite3.connect(":memory:")
    build(conn, shared)
    qs = queries(shared)
    for sql, args in qs[:20]:
        conn.execute(sql, args).fetchall()
    start = time.perf_counter()
    for _ in range(3):
        for sql, args in qs:
            conn.execute(sql, args).fetchall()
    return (time.perf_counter() - start) / (3 * len(qs)) * 1e6

table = measure(False)
shared = measure(True)
print(f"{ROWS} rows x {MODULES} modules, sqlite {sqlite3.sqlite_version}")
print(f"table per module: {table:8.1f} us/query")
print(f"shared documents: {shared:8.1f} us/query  (ratio {shared / table:.2f})")
