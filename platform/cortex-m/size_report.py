#!/usr/bin/env python3
"""size_report.py -- flash, static RAM and worst-case stack of firmware images.

    size_report.py --image NAME=DIR [--image NAME=DIR ...]

DIR is a firmware build directory (build/firmware, build/firmware-mfl2k):
it holds ckafka-fw.map (the linker map) and obj/ with the .su and .ci files
gcc wrote (-fstack-usage, -fcallgraph-info=su); the lwIP and BearSSL
objects keep theirs next to them (DIR/lwip, build/firmware/bearssl).

Memory: every input section the linker placed is charged to the component
of the object or archive it came from (core, port, app, anchors, BearSSL,
lwIP, libc = newlib-nano + libgcc). Flash = .isr_vector + .text + .rodata +
.ARM.ex* + .data (its initial values); static RAM = .data + .bss. Alignment
fill goes to the component of the section before it.

Stack: the worst path through the call graph gcc recorded, from the
reset handler (Reset_Handler -> main -> ck_client_modify_offsets -> TLS ->
lwIP stream -> the network poll -> lwIP input -> ...), plus what
exceptions can stack on top of it: an exception entry frame and the
deepest handler the image defines, once for interrupts (SysTick and
IRQ<n>, one priority level) and once more for faults, which can preempt
an interrupt. Each function costs the bytes -fstack-usage reports. Calls
through function pointers cannot be seen by the compiler; they are
resolved here from a table read off the code (INDIRECT_TARGETS below),
e.g. a BearSSL hash vtable call any hash function the profile installs. Cycles that this creates (and real recursion, of which the
request path has none) are cut and listed. The result is an upper bound
for the functions gcc saw, provided no function has "dynamic" stack usage
(listed if any) and libc's (memcpy etc., leaves without .su files) is taken
as the fixed LIBC_LEAF_BYTES.

Writes DIR/size.json per image and prints a table and the budgets.
Always exits 0: a budget that does not hold is reported as FAIL.
"""

import argparse
import fnmatch
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

COMPONENTS = ["core", "port", "app", "anchors", "BearSSL", "lwIP", "libc"]
# "merged": strings the linker found identical across components (a
# negative correction, so the total is the image's).
FLASH_SECTIONS = (".isr_vector", ".text", ".rodata", ".ARM.extab",
                  ".ARM.exidx", ".data")
RAM_SECTIONS = (".data", ".bss")

# Budgets: (image, what, component or None for all, limit in bytes).
KIB = 1024
BUDGETS = [
    ("default", "flash", None, 72 * KIB),
    ("default", "ram", None, 40 * KIB),
    ("default", "flash", "core", 12 * KIB),
    ("mfl2k", "ram", None, 24 * KIB),
    ("default", "stack", None, 5 * KIB),
    ("mfl2k", "stack", None, 5 * KIB),
]

# Stack taken by newlib/libgcc leaves (memcpy, memset, __aeabi_uldivmod,
# ...): they have no .su file; none of them uses more than a few registers.
LIBC_LEAF_BYTES = 32
# An exception taken on top of the deepest frame (basic frame, no FPU).
EXCEPTION_FRAME_BYTES = 32
# Handlers that run on a fault; they can preempt an interrupt handler.
FAULT_HANDLERS = ("NMI_Handler", "HardFault_Handler", "MemManage_Handler",
                  "BusFault_Handler", "UsageFault_Handler")

# Where a call through a function pointer may land, read off the code:
# which vtables, hooks and callbacks each caller calls through. Keys are a
# caller's object file ("x.o") or one function of it ("x.o:name", which
# takes precedence); values list targets as "obj" (every address-taken
# function defined there) or "obj:glob" (those whose name matches). Only
# linked functions count. A caller with indirect calls and no entry falls
# back to every address-taken function of the image and is named in the
# report.
_HASHES = ["sha2small.o", "sha2big.o"]
_EC = ["ec_p256_m31.o", "ec_p256_m15.o", "ec_prime_i15.o"]
_RECORDS = ["ssl_rec_gcm.o", "aes_ct_ctr.o", "ghash_ctmul.o",
            "ghash_ctmul32.o"]
INDIRECT_TARGETS = {
    # ours: transports stack, hooks come from the application
    "ck_client.o": ["ck_tls_client.o:tls_*", "app.o:platform_*",
                    "app.o:measured_open"],
    "ck_client.o:sign_and_write_head": ["app.o:platform_unix_time"],
    # the client's functions that call only the platform's hooks
    # (ck_platform), never the transport
    "ck_client.o:now_ms": ["app.o:platform_monotonic_ms"],
    "ck_client.o:time_left": ["app.o:platform_monotonic_ms"],
    "ck_client.o:ck_client_init": ["app.o:platform_*"],
    "ck_client.o:pace": ["app.o:platform_monotonic_ms",
                         "app.o:platform_sleep_ms"],
    "ck_client.o:backoff": ["app.o:platform_monotonic_ms",
                            "app.o:platform_sleep_ms"],
    "ck_client.o:current_timestamp": ["app.o:platform_unix_time"],
    "ck_client.o:correct_clock": ["app.o:platform_unix_time"],
    "ck_client.o:disconnect": ["ck_tls_client.o:tls_close"],
    "ck_client.o:connection_is_quiet": ["ck_tls_client.o:tls_pending"],
    # memset through a volatile pointer, so the wipe is never optimised out
    "ck_secure_zero.o": ["libc"],
    # the PEM loader (QEMU board): decoder callbacks into the store
    "pemdec.o": ["ck_trust_anchors.o:feed_x509"],
    "x509_decoder.o": ["ck_trust_anchors.o:append_dn"],
    # the QEMU board's LAN9118 driver waits on the board's clock
    "lan9118.o": ["board_qemu.o:monotonic_ms_for_driver"],
    "ck_tls_client.o": ["ck_lwip_tcp.o:stream_*", "app.o:tls_*",
                        "app.o:platform_monotonic_ms"],
    "ck_lwip_tcp.o": ["app.o:net_poll", "app.o:platform_monotonic_ms"],
    "app.o": ["ethernet.o:ethernet_input"],          # netif->input
    "app.o:measured_open": ["ck_tls_client.o:tls_open"],
    # lwIP: the netif output chain, TCP callbacks into the stream, timers
    "ip4.o": ["etharp.o:etharp_output"],             # netif->output
    "ethernet.o": ["app.o:en0_linkoutput"],          # netif->linkoutput
    "etharp.o": ["app.o:en0_linkoutput"],
    "netif.o": ["app.o:en0_init", "ethernet.o:ethernet_input"],
    "tcp.o": ["ck_lwip_tcp.o:on_*", "tcp.o:tcp_recv_null"],
    "tcp_in.o": ["ck_lwip_tcp.o:on_*", "tcp.o:tcp_recv_null"],
    "tcp_out.o": ["ck_lwip_tcp.o:on_*"],
    "timeouts.o": ["timeouts.o:*timer*", "tcp.o:tcp_tmr",
                   "etharp.o:etharp_tmr", "dhcp.o:dhcp_*tmr",
                   "dns.o:dns_tmr"],
    # BearSSL: the hash, EC, record, PRF, RNG and X.509 vtables of the
    # minimal profile (port/ck_tls_profile_minimal.c)
    "hmac.o": _HASHES,
    "multihash.o": _HASHES,
    "hmac_drbg.o": _HASHES,
    "ecdsa_i15_vrfy_raw.o": _EC,
    "ssl_rec_gcm.o": _RECORDS[1:],
    "x509_minimal.o": _HASHES + ["rsa_i15_pkcs1_vrfy.o",
                                 "ecdsa_i15_vrfy_asn1.o"],
    "ssl_engine.o": _HASHES + _RECORDS + ["prf_sha256.o", "prf_sha384.o",
                                          "hmac_drbg.o"],
    "ssl_engine.o:jump_handshake": ["ssl_hs_client.o:br_ssl_hs_client_run"],
    "ssl_hs_client.o": _HASHES + _EC + ["x509_minimal.o",
                                        "ecdsa_i15_vrfy_asn1.o",
                                        "rsa_i15_pkcs1_vrfy.o",
                                        "prf_sha256.o", "prf_sha384.o",
                                        "hmac_drbg.o"],
}

def component_of(path):
    p = path.replace("\\", "/")
    if "libbearssl.a" in p:
        return "BearSSL"
    if "liblwip.a" in p:
        return "lwIP"
    if re.search(r"lib(c|g|m)_nano\.a|libgcc\.a|libc\.a|libnosys\.a", p):
        return "libc"
    if "/obj/gen/" in p:
        return "anchors"
    if "/obj/core/" in p:
        return "core"
    if "/obj/port/" in p:
        return "port"
    if "/obj/platform/" in p:
        return "app"
    return "other"


# ---- memory, from the map -------------------------------------------------------

def parse_map(path):
    """Yield (output_section, input_file, size) for every placed input."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    try:
        start = lines.index("Linker script and memory map")
    except ValueError:
        sys.exit("size_report: %s is not a GNU ld map" % path)
    out_sec = None
    last_file = None
    pending = None  # an input section name whose numbers are on the next line
    entry = re.compile(r"^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S.*)$")
    for line in lines[start + 1:]:
        if not line:
            continue
        m = re.match(r"^(\.[^\s]+)", line)
        if m:
            out_sec = m.group(1)
            pending = None
            continue
        if line.startswith(" *fill*"):
            parts = line.split()
            if len(parts) >= 3 and last_file is not None:
                yield out_sec, last_file, int(parts[2], 16)
            continue
        m = re.match(r"^ (\.\S+|COMMON)\s*$", line)
        if m:
            pending = m.group(1)
            continue
        m = re.match(r"^ (\.\S+|COMMON)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S.*)$",
                     line)
        if m:
            last_file = m.group(4).strip()
            yield out_sec, last_file, int(m.group(3), 16)
            pending = None
            continue
        if pending is not None:
            m = entry.match(line)
            if m:
                last_file = m.group(3).strip()
                yield out_sec, last_file, int(m.group(2), 16)
            pending = None


def memory_by_component(map_path):
    flash = defaultdict(int)
    ram = defaultdict(int)
    files = defaultdict(lambda: defaultdict(int))
    for sec, infile, size in parse_map(map_path):
        if sec is None or size == 0:
            continue
        comp = component_of(infile)
        base = sec if sec in FLASH_SECTIONS or sec in RAM_SECTIONS else None
        if base is None:
            continue
        if sec in FLASH_SECTIONS:
            flash[comp] += size
        if sec in RAM_SECTIONS:
            ram[comp] += size
        files[infile][sec] += size
    return flash, ram, files


# ---- stack, from .su/.ci files and the objects' relocations -----------------------

def find_files(root, suffix):
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith(suffix):
                yield os.path.join(d, n)


def parse_ci(path):
    """Nodes {title: (name, bytes, qualifier)} and edges [(src, dst)]."""
    nodes, edges = {}, []
    node_re = re.compile(r'^node: \{ title: "([^"]+)" label: "([^"]*)"')
    edge_re = re.compile(r'^edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = node_re.match(line)
            if m:
                label = m.group(2).split("\\n")
                size = None
                qual = None
                if len(label) >= 3:
                    sm = re.match(r"(\d+) bytes \(([^)]*)\)", label[2])
                    if sm:
                        size = int(sm.group(1))
                        qual = sm.group(2)
                nodes[m.group(1)] = (label[0], size, qual)
                continue
            m = edge_re.match(line)
            if m:
                edges.append((m.group(1), m.group(2)))
    return nodes, edges


def address_taken(objdump, objects):
    """Functions (by name) whose address is stored or loaded, not called."""
    taken = set()
    call_types = ("R_ARM_THM_CALL", "R_ARM_THM_JUMP24", "R_ARM_THM_JUMP19",
                  "R_ARM_CALL", "R_ARM_JUMP24", "R_ARM_THM_JUMP11",
                  "R_ARM_THM_JUMP8", "R_ARM_PC24")
    for chunk_start in range(0, len(objects), 200):
        chunk = objects[chunk_start:chunk_start + 200]
        out = subprocess.run([objdump, "-r"] + chunk, capture_output=True,
                             text=True, check=False).stdout
        for line in out.split("\n"):
            parts = line.split()
            if len(parts) != 3 or not parts[1].startswith("R_ARM_"):
                continue
            if parts[1] in call_types:
                continue
            sym = parts[2].split("+")[0].split("-")[0]
            # With -ffunction-sections a static function is referenced
            # through its section symbol, .text.<name>.
            if sym.startswith(".text."):
                sym = sym[len(".text."):]
            taken.add(sym)
    return taken


def linked_from_map(map_path):
    """(object basename, function) of every function the image contains."""
    linked = set()
    for sec, infile, size in parse_map_text(map_path):
        if size == 0:
            continue
        m = re.search(r"\(([^)]+)\)$", infile)
        obj = m.group(1) if m else os.path.basename(infile)
        name = sec[len(".text."):]
        for prefix in ("startup.", "unlikely.", "hot.", "exit."):
            if name.startswith(prefix):
                name = name[len(prefix):]
        linked.add((obj, name))
    return linked


def parse_map_text(path):
    """Yield (input section, file, size) for .text.* inputs of the map."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    pending = None
    for line in lines:
        m = re.match(r"^ (\.text\.\S+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S.*)$",
                     line)
        if m:
            yield m.group(1), m.group(4).strip(), int(m.group(3), 16)
            pending = None
            continue
        m = re.match(r"^ (\.text\.\S+)\s*$", line)
        if m:
            pending = m.group(1)
            continue
        if pending:
            m = re.match(r"^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S.*)$", line)
            if m:
                yield pending, m.group(3).strip(), int(m.group(2), 16)
        pending = None


def stack_analysis(dirs, objdump, linked, reverse=False):
    """Worst stack from reset, exceptions on top; `linked`: (object,
    function) in the image.

    `reverse` walks every function's callees in the opposite order: where
    a cycle is cut depends on the order of the walk, so a bound that is
    the same both ways does not depend on it."""
    nodes = {}             # key (obj, title) -> (name, bytes, qualifier)
    by_name = defaultdict(list)   # function name -> keys of its definitions
    edges = defaultdict(set)      # key -> callee titles (unresolved)
    indirect = set()              # keys that call through pointers
    objects = []

    def fname(title):
        return title.split(":")[-1]

    for d in dirs:
        for ci in find_files(d, ".ci"):
            obj = os.path.basename(ci)[:-3] + ".o"
            n, e = parse_ci(ci)
            for title, val in n.items():
                if val[1] is None:
                    continue
                # Clones (foo.isra.0, foo.part.1) are linked as themselves.
                if (obj, fname(title)) not in linked:
                    continue
                key = (obj, title)
                nodes[key] = val
                by_name[fname(title)].append(key)
            for src, dst in e:
                key = (obj, src)
                if dst == "__indirect_call":
                    indirect.add(key)
                else:
                    edges[key].add(dst)
            if os.path.exists(ci[:-3] + ".o"):
                objects.append(ci[:-3] + ".o")

    def resolve(caller, title):
        """A direct callee: the caller's own object first (statics)."""
        key = (caller[0], title)
        if key in nodes:
            return [key]
        cands = by_name.get(fname(title), [])
        globals_ = [k for k in cands if ":" not in k[1]]
        return globals_ or cands[:1]

    taken = address_taken(objdump, objects)
    taken_keys = [k for k in nodes if fname(k[1]) in taken
                  or fname(k[1]).split(".")[0] in taken]
    taken_by_obj = defaultdict(list)
    for k in taken_keys:
        taken_by_obj[k[0]].append(k)

    unlisted = set()

    def callees(key):
        out = set()
        for t in edges.get(key, ()):
            r = resolve(key, t)
            out.update(r if r else [None])
        if key in indirect:
            base_name = fname(key[1]).split(".")[0]
            targets = INDIRECT_TARGETS.get("%s:%s" % (key[0], base_name),
                                           INDIRECT_TARGETS.get(key[0]))
            if targets is None:
                unlisted.add(key[0])
                out.update(taken_keys)
            else:
                for spec in targets:
                    if spec == "libc":
                        out.add(None)
                        continue
                    obj, _, glob = spec.partition(":")
                    out.update(k for k in taken_by_obj.get(obj, ())
                               if not glob or fnmatch.fnmatchcase(
                                   fname(k[1]).split(".")[0], glob))
        return out

    sys.setrecursionlimit(100000)
    memo, on_path, cut = {}, set(), set()

    def worst(key):
        if key in memo:
            return memo[key]
        on_path.add(key)
        best, best_path = 0, []
        # In a fixed order: where a cycle is cut depends on the order of
        # the walk, and the figure must not change from run to run.
        for c in sorted(callees(key), key=lambda k: ("",) if k is None
                        else k, reverse=reverse):
            if c is None:
                cost, path = LIBC_LEAF_BYTES, [None]
            elif c in on_path:
                cut.add((key, c))
                continue
            else:
                cost, path = worst(c)
            if cost > best:
                best, best_path = cost, path
        on_path.discard(key)
        memo[key] = (nodes[key][1] + best, [key] + best_path)
        return memo[key]

    roots = by_name.get("Reset_Handler", []) or by_name.get("main", [])
    if not roots:
        return None
    total, path = worst(roots[0])

    # Exceptions on top of the deepest thread-mode frame: the deepest
    # interrupt handler, and a fault handler on top of that.
    exceptions = []
    for kind in ("interrupt", "fault"):
        deepest = None
        for name in sorted(by_name):
            if not name.endswith("_Handler") or name == "Reset_Handler" \
                    or (name in FAULT_HANDLERS) != (kind == "fault"):
                continue
            for k in by_name[name]:
                cost = worst(k)[0]
                if deepest is None or cost > deepest[1]:
                    deepest = (name, cost)
        if deepest is not None:
            exceptions.append({"kind": kind, "handler": deepest[0],
                               "bytes": EXCEPTION_FRAME_BYTES + deepest[1]})
    if not exceptions:
        # no handler seen: still one exception frame
        exceptions.append({"kind": "interrupt", "handler": None,
                           "bytes": EXCEPTION_FRAME_BYTES})
    on_top = sum(e["bytes"] for e in exceptions)

    def show(k):
        return ("(libc)", LIBC_LEAF_BYTES) if k is None \
            else (fname(k[1]), nodes[k][1])

    # The deepest path below each layer's entry point, for the README.
    entries = {}
    for name in ("ck_client_modify_offsets", "tls_open", "tls_recv",
                 "stream_recv", "net_poll", "br_ssl_hs_client_run",
                 "br_x509_minimal_run"):
        for k in by_name.get(name, []):
            entries[name] = worst(k)[0]
    dynamic = sorted(fname(k[1]) for k, v in nodes.items()
                     if v[2] and "static" not in v[2])
    return {
        "bytes": total + on_top,
        "thread_bytes": total,
        "exceptions": exceptions,
        "path": [show(k) for k in path],
        "entries": entries,
        "cycles_cut": sorted("%s -> %s" % (fname(a[1]), fname(b[1]))
                             for a, b in cut),
        "dynamic": dynamic,
        "unlisted_indirect_callers": sorted(unlisted),
    }


# ---- report -------------------------------------------------------------------------

def linked_functions(nm, elf):
    out = subprocess.run([nm, elf], capture_output=True, text=True,
                         check=False).stdout
    return {line.split()[-1].split(".")[0] for line in out.split("\n")
            if len(line.split()) == 3 and line.split()[1] in "tTwW"}


def ram_symbols(nm, elf, count=8):
    """The largest objects in .data/.bss: (name, bytes)."""
    out = subprocess.run([nm, "-S", "--size-sort", elf], capture_output=True,
                         text=True, check=False).stdout
    syms = []
    for line in out.split("\n"):
        parts = line.split()
        if len(parts) == 4 and parts[2] in "bBdD":
            syms.append((parts[3], int(parts[1], 16)))
    return sorted(syms, key=lambda s: -s[1])[:count]


def stack_reserved(map_path):
    with open(map_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"^\s+(0x[0-9a-f]+)\s+CK_STACK_SIZE = ", line)
            if m:
                return int(m.group(1), 16)
    return None


def elf_sections(size_tool, elf):
    """Output section sizes of the linked image, as the ELF says."""
    out = subprocess.run([size_tool, "-A", elf], capture_output=True,
                         text=True, check=False).stdout
    secs = {}
    for line in out.split("\n"):
        parts = line.split()
        if len(parts) == 3 and parts[1].isdigit():
            secs[parts[0]] = int(parts[1])
    return secs


def report_image(name, d, tools):
    map_path = os.path.join(d, "ckafka-fw.map")
    flash, ram, files = memory_by_component(map_path)
    elf = os.path.join(d, "ckafka-fw.elf")
    # The map gives input sizes; the linker then merges identical strings
    # of .rodata.str* sections across objects. The difference is shown as
    # its own row, so the totals are the image's.
    secs = elf_sections(tools["size"], elf)
    true_flash = sum(secs.get(x, 0) for x in FLASH_SECTIONS)
    true_ram = sum(secs.get(x, 0) for x in RAM_SECTIONS)
    if true_flash != sum(flash.values()):
        flash["merged"] = true_flash - sum(flash.values())
    if true_ram != sum(ram.values()):
        ram["merged"] = true_ram - sum(ram.values())
    stack_dirs = [os.path.join(d, "obj"), os.path.join(d, "lwip"),
                  os.path.join(os.path.dirname(d.rstrip("/")), "firmware",
                               "bearssl")]
    linked = linked_from_map(map_path)
    stack = stack_analysis(stack_dirs, tools["objdump"], linked)
    if stack is not None:
        other = stack_analysis(stack_dirs, tools["objdump"], linked,
                               reverse=True)
        stack["bytes_other_order"] = other["bytes"] if other else None
        stack["stable"] = stack["bytes_other_order"] == stack["bytes"]
    comps = COMPONENTS + sorted((set(flash) | set(ram)) - set(COMPONENTS)
                                - {"merged"}) + ["merged"]
    comps = [c for c in dict.fromkeys(comps) if flash.get(c) or ram.get(c)]
    result = {
        "image": name,
        "elf": elf,
        "flash": {c: flash.get(c, 0) for c in comps},
        "ram": {c: ram.get(c, 0) for c in comps},
        "flash_total": sum(flash.values()),
        "ram_total": sum(ram.values()),
        "files": {f: dict(v) for f, v in sorted(files.items())},
        "stack": stack,
        "stack_reserved": stack_reserved(map_path),
        "ram_symbols": ram_symbols(tools["nm"], elf),
    }
    # Figures measured by running the image (tests/firmware/measure_qemu.py).
    measured = os.path.join(d, "measured.json")
    if os.path.exists(measured):
        with open(measured) as f:
            result["measured"] = json.load(f)
    with open(os.path.join(d, "size.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    return result


def print_table(results):
    names = [r["image"] for r in results]
    comps = []
    for r in results:
        for c in r["flash"]:
            if c not in comps:
                comps.append(c)
    head = "%-10s" % "component" + "".join(
        "  %10s %10s" % (n + " flash", n + " RAM") for n in names)
    print(head)
    print("-" * len(head))
    for c in comps:
        print("%-10s" % c + "".join("  %10d %10d" % (r["flash"].get(c, 0),
                                                     r["ram"].get(c, 0))
                                    for r in results))
    print("-" * len(head))
    print("%-10s" % "total" + "".join("  %10d %10d" % (r["flash_total"],
                                                       r["ram_total"])
                                      for r in results))
    print("%-10s" % "(KiB)" + "".join("  %10.1f %10.1f" % (
        r["flash_total"] / KIB, r["ram_total"] / KIB) for r in results))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--image", action="append", required=True,
                    help="NAME=DIR")
    ap.add_argument("--prefix", default="arm-none-eabi-")
    args = ap.parse_args()
    tools = {"objdump": args.prefix + "objdump", "nm": args.prefix + "nm",
             "size": args.prefix + "size"}
    results = []
    for spec in args.image:
        name, _, d = spec.partition("=")
        results.append(report_image(name, d, tools))
    print("Sizes in bytes, by the object or archive each input section came"
          " from (linker map);")
    print("flash = vectors + code + constants + .data initialisers, "
          "RAM = .data + .bss:")
    print()
    print_table(results)
    print()
    for r in results:
        print("%s: largest RAM objects: %s" % (r["image"], ", ".join(
            "%s %d" % kv for kv in r["ram_symbols"])))
    print()
    for r in results:
        s = r["stack"]
        if s is None:
            print("%s: no call graph found" % r["image"])
            continue
        print("%s: worst-case stack from reset: %d bytes = %d deepest call "
              "path + %s; deepest path:"
              % (r["image"], s["bytes"], s["thread_bytes"], " + ".join(
                  "%d %s (%s, entry frame incl.)"
                  % (e["bytes"], e["kind"], e["handler"] or "no handler")
                  for e in s["exceptions"])))
        print("   " + " -> ".join("%s(%d)" % (n, b or 0) for n, b in s["path"]))
        print("   stable: %s (the walk in the opposite order gives %s)"
              % ("yes" if s["stable"] else "NO", s["bytes_other_order"]))
        if r["stack_reserved"]:
            print("   %s: fits the %d bytes ckafka-fw.ld reserves "
                  "(CK_STACK_SIZE)" % ("yes" if s["bytes"] <= r["stack_reserved"]
                                        else "NO", r["stack_reserved"]))
        print("   worst below: " + ", ".join(
            "%s %d" % kv for kv in sorted(s["entries"].items(),
                                          key=lambda kv: -kv[1])))
        if s["dynamic"]:
            print("   dynamic stack (not bounded by this analysis): "
                  + ", ".join(s["dynamic"]))
        if s["cycles_cut"]:
            print("   cycles cut: " + "; ".join(s["cycles_cut"]))
        if s["unlisted_indirect_callers"]:
            print("   indirect calls over-approximated (object not in "
                  "INDIRECT_TARGETS): " + ", ".join(
                      s["unlisted_indirect_callers"]))
    # The stack measured on the QEMU board beside each static bound: the
    # QEMU image runs the same application, client and stacks as the stub
    # image; only the board's drivers differ.
    ran = [r for r in results if r.get("measured")
           and "stack_high_water" in r["measured"]]
    for r in results:
        if ran and r.get("stack"):
            m = ran[0]["measured"]
            r["stack"]["measured_high_water"] = m["stack_high_water"]
            r["stack"]["measured_on"] = ran[0]["image"]
    for r in results:
        m = r.get("measured")
        if not m:
            continue
        if "skipped" in m:
            print("%s: not run (%s)" % (r["image"], m["skipped"]))
            continue
        i = m["instructions"]
        print("%s: measured on the board (QEMU): stack high-water mark %d "
              "bytes of %d, static bound %d; instructions (-icount shift=0): "
              "TCP connect + full handshake %d, resumed handshake %s, "
              "sign + send + decode %d; wall time of one run %d ms"
              % (r["image"], m["stack_high_water"], m["stack_size"],
                 r["stack"]["bytes"] if r.get("stack") else -1,
                 i["connect_full_handshake"],
                 i["resumed_handshake"] if i["resumed_handshake"] is not None
                 else "n/a (%s)" % i.get("resumed_handshake_why", "?"),
                 i["sign_send_decode"], m["wall_ms"]))
    print()
    by_name = {r["image"]: r for r in results}
    print("Budgets:")
    for image, what, comp, limit in BUDGETS:
        r = by_name.get(image)
        if r is None:
            continue
        ok = True
        if what == "stack":
            if r["stack"] is None:
                continue
            # A bound that moves with the order of the walk is no bound.
            value = max(r["stack"]["bytes"], r["stack"]["bytes_other_order"])
            ok = r["stack"]["stable"]
        elif comp is None:
            value = r["flash_total"] if what == "flash" else r["ram_total"]
        else:
            value = r[what].get(comp, 0)
        if what == "stack":
            label = "%s stack bound, both walk orders" % image
        else:
            label = "%s %s%s" % (image, comp + " " if comp else
                                 "whole image ",
                                 "flash" if what == "flash" else "static RAM")
        ok = ok and value <= limit
        verdict = "PASS" if ok else "FAIL"
        print("  %-4s  %-40s %7d <= %7d  (%.1f / %.0f KiB)"
              % (verdict, label, value, limit, value / KIB, limit / KIB))
        r.setdefault("budgets", []).append(
            {"what": what, "component": comp, "limit": limit,
             "value": value, "pass": ok})
    for r in results:
        path = os.path.join(os.path.dirname(r["elf"]), "size.json")
        with open(path, "w") as f:
            json.dump(r, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
