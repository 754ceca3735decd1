"""Debian's python3-consul2 (the `consul` module), as a Python service would use it, against a Parley agent.

Run by tests/clients/run.sh with Debian's /usr/bin/python3 and CONSUL_HTTP_ADDR=host:port. Prints PASS/FAIL per test.
"""
import base64
import os
import sys
import threading
import traceback

import consul

HOST, PORT = os.environ.get("CONSUL_HTTP_ADDR", "127.0.0.1:8500").split(":")
c = consul.Consul(host=HOST, port=int(PORT))
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def filtered(path, expression):
    """GET with ?filter=: python3-consul2 has no filter argument, so use its own HTTP client as its methods do."""
    return c.http.get(consul.base.CB.json(), path, params=[("filter", expression)])


@test
def catalog_register_read_filter_deregister():
    for node, version, status in (("py-1", "v1", "passing"), ("py-2", "v2", "critical")):
        assert c.catalog.register(
            node, "10.3.0.1", node_meta={"rack": "r-" + version},
            service={"Service": "py-web", "ID": "py-web", "Port": 8080, "Tags": [version], "Meta": {"version": version}},
            check={"CheckID": "py-alive", "Name": "alive", "Status": status, "ServiceID": "py-web"})
    _, services = c.catalog.services()
    assert sorted(services["py-web"]) == ["v1", "v2"], services
    _, rows = c.catalog.service("py-web", tag="v2")
    assert [r["Node"] for r in rows] == ["py-2"], rows
    _, nodes = c.catalog.nodes(node_meta={"rack": "r-v1"})
    assert [n["Node"] for n in nodes] == ["py-1"], nodes
    rows = filtered("/v1/catalog/service/py-web", 'ServiceMeta.version == "v1" and NodeMeta.rack matches "^r-"')
    assert [r["Node"] for r in rows] == ["py-1"], rows
    try:
        filtered("/v1/catalog/service/py-web", "ServiceMeta.version = v1")
        raise AssertionError("a malformed filter was answered")
    except consul.base.BadRequest as e:
        assert "Failed to create boolean expression evaluator: 1:" in str(e), e


@test
def health_passing_and_state():
    _, rows = c.health.service("py-web", passing=True)
    assert [r["Node"]["Node"] for r in rows] == ["py-1"], rows
    _, critical = c.health.state("critical")
    assert "py-2" in [ch["Node"] for ch in critical], critical
    rows = filtered("/v1/health/service/py-web", "Checks.Status == critical")
    assert [r["Node"]["Node"] for r in rows] == ["py-2"], rows
    assert c.catalog.deregister("py-2")
    _, rows = c.health.service("py-web")
    assert [r["Node"]["Node"] for r in rows] == ["py-1"], rows


@test
def agent_service_with_ttl_check():
    assert c.agent.service.register("py-api", service_id="py-api-1", port=9000, tags=["t"], check=consul.Check.ttl("30s"))
    assert c.agent.check.ttl_pass("service:py-api-1", notes="ok")
    services = c.agent.services()
    assert services["py-api-1"]["Service"] == "py-api", services
    checks = c.agent.checks()
    assert checks["service:py-api-1"]["Status"] == "passing", checks
    assert c.agent.service.deregister("py-api-1")
    assert "py-api-1" not in c.agent.services()


@test
def kv_put_get_cas_delete():
    assert c.kv.put("py/key", "one") is True
    index, item = c.kv.get("py/key")
    assert item["Value"] == b"one", item
    assert c.kv.put("py/key", "two", cas=item["ModifyIndex"]) is True
    assert c.kv.put("py/key", "three", cas=item["ModifyIndex"]) is False
    assert c.kv.get("py/key")[1]["Value"] == b"two"
    assert c.kv.put("py/dir/a", "1", flags=42) and c.kv.put("py/dir/b", "2")
    _, keys = c.kv.get("py/dir/", keys=True)
    assert keys == ["py/dir/a", "py/dir/b"], keys
    _, entries = c.kv.get("py/dir/", recurse=True)
    assert [e["Flags"] for e in entries] == [42, 0], entries
    assert c.kv.delete("py/dir/", recurse=True)
    assert c.kv.get("py/dir/a")[1] is None


@test
def blocking_get_returns_on_the_next_write():
    c.kv.put("py/watched", "before")
    index, _ = c.kv.get("py/watched")
    result = {}

    def watch():
        result["index"], result["item"] = c.kv.get("py/watched", index=index, wait="10s")

    watcher = threading.Thread(target=watch)
    watcher.start()
    c.kv.put("py/watched", "after")
    watcher.join(15)
    assert not watcher.is_alive(), "the blocking query did not return"
    assert result["item"]["Value"] == b"after", result
    assert int(result["index"]) > int(index), result


@test
def sessions_and_locks():
    first = c.session.create(name="py-one", ttl=15, behavior="release")
    second = c.session.create(name="py-two", ttl=15)
    assert c.kv.put("py/lock", "first", acquire=first) is True
    assert c.kv.put("py/lock", "second", acquire=second) is False
    _, item = c.kv.get("py/lock")
    assert item["Session"] == first and item["LockIndex"] == 1, item
    _, info = c.session.info(first)
    assert info["TTL"] == "15s" and info["Behavior"] == "release", info
    renewed = c.session.renew(first)
    assert renewed["ID"] == first, renewed
    assert c.kv.put("py/lock", "first", release=first) is True
    assert c.kv.put("py/lock", "second", acquire=second) is True
    assert c.session.destroy(second)
    _, item = c.kv.get("py/lock")
    assert "Session" not in item, item
    assert c.session.destroy(first)
    _, sessions = c.session.list()
    assert first not in [s["ID"] for s in sessions]


@test
def transaction_all_or_nothing():
    b64 = lambda s: base64.b64encode(s.encode()).decode()
    result = c.txn.put([{"KV": {"Verb": "set", "Key": "py/t1", "Value": b64("a")}},
                        {"KV": {"Verb": "get", "Key": "py/t1"}}])
    assert len(result["Results"]) == 2 and result["Results"][1]["KV"]["Value"] == b64("a"), result
    try:
        c.txn.put([{"KV": {"Verb": "set", "Key": "py/t2", "Value": b64("b")}},
                   {"KV": {"Verb": "check-not-exists", "Key": "py/t1"}}])
        raise AssertionError("a failing transaction was applied")
    except consul.base.ClientError as e:
        assert str(e).startswith("409"), e
    assert c.kv.get("py/t2")[1] is None



@test
def transaction_with_catalog_ops():
    result = c.txn.put([
        {"Node": {"Verb": "set", "Node": {"Node": "py-txn", "Address": "10.3.0.9"}}},
        {"Service": {"Verb": "set", "Node": "py-txn", "Service": {"ID": "py-txn-1", "Service": "py-txn", "Port": 7070}}},
        {"Check": {"Verb": "set", "Check": {"Node": "py-txn", "CheckID": "py-txn-up", "Name": "up", "Status": "passing",
                                            "ServiceID": "py-txn-1"}}},
        {"KV": {"Verb": "set", "Key": "py/txn", "Value": base64.b64encode(b"x").decode()}}])
    assert [list(r)[0] for r in result["Results"]] == ["Node", "Service", "Check", "KV"], result
    _, rows = c.health.service("py-txn", passing=True)
    assert [(r["Node"]["Node"], r["Service"]["Port"]) for r in rows] == [("py-txn", 7070)], rows
    index = result["Results"][1]["Service"]["ModifyIndex"]
    try:
        c.txn.put([{"Service": {"Verb": "cas", "Node": "py-txn",
                                "Service": {"ID": "py-txn-1", "Service": "py-txn", "Port": 1, "ModifyIndex": index - 1}}},
                   {"Node": {"Verb": "delete", "Node": {"Node": "py-txn"}}}])
        raise AssertionError("a stale cas was applied")
    except consul.base.ClientError as e:
        assert str(e).startswith("409") and "index is stale" in str(e), e
    _, rows = c.catalog.service("py-txn")
    assert [r["ServicePort"] for r in rows] == [7070], rows

failed = 0
for fn in TESTS:
    try:
        fn()
        print("PASS python-consul2 " + fn.__name__)
    except Exception:
        failed += 1
        print("FAIL python-consul2 " + fn.__name__ + ": " + traceback.format_exc().strip().replace("\n", " | ")[-600:])
sys.exit(1 if failed else 0)
