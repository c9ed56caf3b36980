"""Drives the workbook Jupyter kernel with jupyter_client (Debian's python3-jupyter-client), as nbclient and
JupyterLab do. Each scenario prints "ok NAME" or "FAIL NAME: why"; KernelClientTests reads the lines.
The kernelspec must be found through JUPYTER_PATH (installed with --prefix by the test)."""
import queue, sys, time, traceback
import jupyter_client
from jupyter_client.session import Session

KERNEL = sys.argv[1] if len(sys.argv) > 1 else ".net-csharp"


def collect(kc, msg_id, timeout=60):
    """iopub messages for one request up to its idle, plus its shell reply."""
    msgs, deadline = [], time.time() + timeout
    while True:
        m = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
    while reply["msg_type"] == "kernel_info_reply":   # a late answer to wait_for_ready's retries (slow iopub joiner)
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
    assert reply["parent_header"]["msg_id"] == msg_id, f"reply has the wrong parent: {reply['msg_type']}"
    return msgs, reply


def drain_shell(kc):
    """wait_for_ready may send kernel_info more than once (it also needs iopub traffic within 0.2 s): drop the
    extra replies so that each scenario reads its own."""
    while True:
        try:
            kc.get_shell_msg(timeout=0.5)
        except queue.Empty:
            return


def start_kernel():
    """A kernel of ours and a ready client, as nbclient starts them."""
    km = jupyter_client.KernelManager(kernel_name=KERNEL)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    drain_shell(kc)
    return km, kc


def interrupt_endless(km, kc):
    """Interrupts an endless cell after 1.5 s: its execute request's id, the shell reply, and the seconds the reply took."""
    msg_id = kc.execute("while (true) { }")
    time.sleep(1.5)
    start = time.time()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=5)
    return msg_id, reply, time.time() - start


def run(kc, code, timeout=60):
    return collect(kc, kc.execute(code, allow_stdin=False), timeout)   # as nbclient sends it


def types(msgs):
    return [m["msg_type"] for m in msgs]


def check_sequence(msgs):
    assert msgs[0]["msg_type"] == "status" and msgs[0]["content"]["execution_state"] == "busy", f"first is not busy: {types(msgs)}"
    assert msgs[-1]["content"].get("execution_state") == "idle", f"last is not idle: {types(msgs)}"
    for m in msgs:
        assert m["header"]["version"] == "5.3", f"header version {m['header'].get('version')}"


def kernel_info(km, kc):
    for channel in ("shell", "control"):
        for _ in range(2):   # clients ask repeatedly (JupyterLab, nbclient's wait_for_ready)
            if channel == "shell":
                msg_id = kc.kernel_info()
                reply = kc.get_shell_msg(timeout=10)
            else:
                msg = kc.session.msg("kernel_info_request")
                kc.control_channel.send(msg)
                msg_id = msg["header"]["msg_id"]
                reply = kc.get_control_msg(timeout=10)
            assert reply["parent_header"]["msg_id"] == msg_id, "kernel_info_reply has the wrong parent"
            c = reply["content"]
            assert c["status"] == "ok" and c["protocol_version"] == "5.3", c
            assert c["language_info"]["name"] == "C#" and c["language_info"]["file_extension"] == ".cs", c
            states = []
            deadline = time.time() + 5
            while len(states) < 2 and time.time() < deadline:
                m = kc.get_iopub_msg(timeout=5)
                if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status":
                    states.append(m["content"]["execution_state"])
            assert states == ["busy", "idle"], f"{channel}: status {states}"


def execution_count(km, kc):
    counts = []
    for code in ("1", "2", "3"):
        msgs, reply = run(kc, code)
        inputs = [m["content"]["execution_count"] for m in msgs if m["msg_type"] == "execute_input"]
        counts.append((inputs[0], reply["content"]["execution_count"]))
    assert [a for a, _ in counts] == [b for _, b in counts], counts
    assert [b - counts[0][1] for _, b in counts] == [0, 1, 2], counts


def outputs(km, kc):
    code = 'Console.WriteLine("hello"); Console.Error.WriteLine("warn"); var d = display("first"); d.Update("second"); 6 * 7'
    msgs, reply = run(kc, code)
    check_sequence(msgs)
    t = types(msgs)
    assert t[:2] == ["status", "execute_input"], t
    assert reply["content"]["status"] == "ok", reply["content"]
    streams = {m["content"]["name"]: m["content"]["text"] for m in msgs if m["msg_type"] == "stream"}
    assert streams.get("stdout") == "hello\n" and streams.get("stderr") == "warn\n", streams
    shown = [m for m in msgs if m["msg_type"] == "display_data"]
    updated = [m for m in msgs if m["msg_type"] == "update_display_data"]
    assert len(shown) == 1 and len(updated) == 1, t
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert display_id and updated[0]["content"]["transient"]["display_id"] == display_id
    assert shown[0]["content"]["data"]["text/plain"] == "first" and updated[0]["content"]["data"]["text/plain"] == "second"
    results = [m for m in msgs if m["msg_type"] == "execute_result"]
    assert len(results) == 1 and results[0]["content"]["data"]["text/plain"] == "42", results
    assert results[0]["content"]["execution_count"] == reply["content"]["execution_count"]
    assert t.index("execute_result") < len(t) - 1


def errors(km, kc):
    msgs, reply = run(kc, 'Console.WriteLine("before"); throw new InvalidOperationException("boom");')
    check_sequence(msgs)
    errs = [m["content"] for m in msgs if m["msg_type"] == "error"]
    assert len(errs) == 1 and "boom" in errs[0]["evalue"] and errs[0]["traceback"], errs
    c = reply["content"]
    assert c["status"] == "error" and "boom" in c["evalue"] and c["ename"] and c["traceback"], c
    msgs, reply = run(kc, "undefinedThing")
    assert reply["content"]["status"] == "error" and "CS0103" in reply["content"]["evalue"], reply["content"]
    msgs, reply = run(kc, "var after = 1; after")   # the kernel goes on after errors
    assert reply["content"]["status"] == "ok"


def stop_on_error(km, kc):
    """A queued "Run All": after the failing cell the queued ones are aborted, unless stop_on_error is false."""
    ids = [kc.execute(code, allow_stdin=False) for code in ("var queued = 1;", 'throw new Exception("stop");', "queued")]
    replies = {}
    while len(replies) < 3:
        r = kc.get_shell_msg(timeout=60)
        replies[r["parent_header"]["msg_id"]] = r["content"]["status"]
    assert [replies[i] for i in ids] == ["ok", "error", "aborted"], [replies[i] for i in ids]
    ids = [kc.execute(code, allow_stdin=False, stop_on_error=False) for code in ('throw new Exception("go on");', "queued")]
    replies = {}
    while len(replies) < 2:
        r = kc.get_shell_msg(timeout=60)
        replies[r["parent_header"]["msg_id"]] = r["content"]["status"]
    assert [replies[i] for i in ids] == ["error", "ok"], [replies[i] for i in ids]


def is_complete(km, kc):
    for code, expected in (("var x = 1;", "complete"), ("if (true) {", "incomplete"), ("#!time\nvar y = 2;", "complete")):
        msg_id = kc.is_complete(code)
        reply = kc.get_shell_msg(timeout=10)
        assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == expected, (code, reply["content"])


def complete(km, kc):
    run(kc, 'var greeting = "hi";')
    for code, expected, start in (("gree", "greeting", 0), ("greeting.ToUp", "ToUpper", 9), ("Console.WriteL", "WriteLine", 8)):
        msg_id = kc.complete(code)
        reply = kc.get_shell_msg(timeout=20)
        c = reply["content"]
        assert reply["parent_header"]["msg_id"] == msg_id and c["status"] == "ok", c
        assert expected in c["matches"] and c["cursor_start"] == start and c["cursor_end"] == len(code), (code, c)


def stdin(km, kc):
    code = 'Console.Write("name? "); var name = Console.ReadLine(); Console.WriteLine($"hi {name ?? "<none>"}");'
    msg_id = kc.execute(code, allow_stdin=True)
    request = kc.get_stdin_msg(timeout=20)
    assert request["msg_type"] == "input_request" and request["parent_header"]["msg_id"] == msg_id, request
    kc.input("Ada")
    msgs, reply = collect(kc, msg_id)
    text = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert reply["content"]["status"] == "ok" and text == "name? hi Ada\n", (text, reply["content"])
    start = time.time()
    msgs, reply = run(kc, code)   # allow_stdin false: ReadLine ends at once
    text = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert text == "name? hi <none>\n" and time.time() - start < 10, text


def bad_signature(km, kc):
    bad = km.client()
    bad.session = Session(key=b"not-the-key", username="intruder")
    bad.start_channels()
    try:
        bad.kernel_info()
        try:
            reply = bad.get_shell_msg(timeout=2)
            raise AssertionError(f"a wrongly signed request was answered: {reply['msg_type']}")
        except queue.Empty:
            pass
        msgs, reply = run(kc, '"still here"')   # the kernel is still fine for correct clients
        assert reply["content"]["status"] == "ok"
    finally:
        bad.stop_channels()


def interrupt(km, kc):
    msg_id, reply, took = interrupt_endless(km, kc)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "error", reply["content"]
    assert took < 5, f"interrupt took {took:.1f} s"
    msgs, reply = run(kc, "var fresh = 2; fresh", timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    notes = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert "interrupted" in notes, f"no note about the reset: {notes!r}"
    km.interrupt_kernel()   # with nothing running (clients interrupt before every shutdown): harmless
    time.sleep(0.5)
    msgs, reply = run(kc, "fresh")
    notes = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert reply["content"]["status"] == "ok" and not notes, f"an idle interrupt reset the state: {notes!r} {reply['content']}"


def replay(km, kc):
    """After an interrupt, a fresh kernel's earlier cells run again in the new process: the variable is back, the
    note on stderr says so, the replayed cell's output is not sent again."""
    other, client = start_kernel()
    try:
        run(client, 'var kept = 41; Console.WriteLine("printed once");')
        msg_id, reply, _ = interrupt_endless(other, client)
        assert reply["parent_header"]["msg_id"] == msg_id
        msgs, reply = run(client, "kept + 1", timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
        results = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
        assert results == ["42"], f"results {results!r}, messages {types(msgs)}"
        notes = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
        assert "interrupted" in notes and "ran again" in notes, f"note: {notes!r}"
        printed = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
        assert "printed once" not in printed, f"the replayed cell's output was sent again: {printed!r}"
    finally:
        client.stop_channels()
        other.shutdown_kernel(now=True)


def many_cells(km, kc):
    n = 1000
    ids = [kc.execute(f'Console.WriteLine("line {i}")') for i in range(n)]
    index = {msg_id: i for i, msg_id in enumerate(ids)}
    texts, idle, deadline = [""] * n, 0, time.time() + 600
    while idle < n:
        m = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        i = index.get(m["parent_header"].get("msg_id"))
        if i is None:
            continue
        if m["msg_type"] == "stream":
            texts[i] += m["content"]["text"]
        elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            idle += 1
    replies = 0
    while replies < n:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") in index:
            assert reply["content"]["status"] == "ok", reply["content"]
            replies += 1
    wrong = [i for i in range(n) if texts[i] != f"line {i}\n"]
    assert not wrong, f"{len(wrong)} cells lost or mixed output, e.g. cell {wrong[0]}: {texts[wrong[0]]!r}"


def orphan(km, kc):
    """A kernel killed outright (SIGKILL after the grace period) takes its running cell's process with it."""
    import subprocess
    other, client = start_kernel()
    run(client, "1")
    client.execute("while (true) { }")
    time.sleep(1)
    pid = other.provisioner.process.pid
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    assert children, "no child process found"
    other.provisioner.process.kill()
    client.stop_channels()
    deadline = time.time() + 10
    alive = children
    while alive and time.time() < deadline:
        time.sleep(0.5)
        alive = [c for c in children if subprocess.run(["kill", "-0", c], capture_output=True).returncode == 0]
    assert not alive, f"child process(es) {alive} outlived the killed kernel"


def shutdown(km, kc):
    start = time.time()
    km.shutdown_kernel(now=False)
    took = time.time() - start
    assert not km.is_alive(), "the kernel is still alive"
    # jupyter_client waits shutdown_wait_time/2 before it sends SIGTERM: exiting on the request beats that.
    assert took < km.shutdown_wait_time / 2, f"shutdown took {took:.1f} s"


SCENARIOS = [kernel_info, execution_count, outputs, errors, stop_on_error, is_complete, complete, stdin, bad_signature, interrupt, replay, many_cells, orphan, shutdown]

if __name__ == "__main__":
    only = set(sys.argv[2:])
    km, kc = start_kernel()
    for scenario in SCENARIOS:
        if only and scenario.__name__ not in only and scenario is not shutdown:
            continue
        started = time.time()
        try:
            scenario(km, kc)
            print(f"ok {scenario.__name__} {time.time() - started:.2f}s", flush=True)
        except Exception as e:
            detail = " ".join(traceback.format_exception_only(type(e), e)).strip().replace("\n", " ")
            print(f"FAIL {scenario.__name__}: {detail[:800]}", flush=True)
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)
