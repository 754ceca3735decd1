// The npm `consul` package (2.0.1), as a Node service would use it, against a Parley agent at CONSUL_HTTP_ADDR.
// Run by tests/clients/run.sh with `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import Consul from "consul";

const [host, port] = (process.env.CONSUL_HTTP_ADDR ?? "127.0.0.1:8500").split(":");
const consul = new Consul({ host, port: Number(port) });

test("catalog register, list, filter and deregister", async () => {
  for (const [node, version] of [["js-1", "v1"], ["js-2", "v2"]]) {
    await consul.catalog.register({
      node, address: "10.2.0.1",
      service: { service: "js-web", id: `js-web-${node}`, port: 8080, tags: [version], meta: { version } },
      check: { checkid: `js-alive-${node}`, name: "alive", status: "passing", serviceid: `js-web-${node}` },
    });
  }
  const services = await consul.catalog.service.list();
  assert.deepEqual(services["js-web"].sort(), ["v1", "v2"]);
  const v2 = await consul.catalog.service.nodes({ service: "js-web", filter: 'ServiceMeta.version == "v2"' });
  assert.deepEqual(v2.map((r) => r.Node), ["js-2"]);
  const tagged = await consul.catalog.service.nodes({ service: "js-web", tag: "v1" });
  assert.deepEqual(tagged.map((r) => r.Node), ["js-1"]);
  await consul.catalog.deregister({ node: "js-2" });
  const left = await consul.catalog.service.nodes("js-web");
  assert.deepEqual(left.map((r) => r.Node), ["js-1"]);
});

test("health service with passing and filter, and a malformed filter refused", async () => {
  const rows = await consul.health.service({ service: "js-web", passing: true, filter: "Checks.Status == passing" });
  assert.equal(rows.length, 1);
  assert.equal(rows[0].Service.Service, "js-web");
  await assert.rejects(consul.health.service({ service: "js-web", filter: "Service ==" }), (err) => {
    assert.equal(err.response.statusCode, 400);
    assert.match(String(err.response.body), /^Failed to create boolean expression evaluator: 1:11 \(10\): no match found/);
    return true;
  });
});

test("agent service with a TTL check, passed through the agent", async () => {
  await consul.agent.service.register({ name: "js-api", id: "js-api-1", port: 9090, check: { ttl: "30s" } });
  await consul.agent.check.pass("service:js-api-1");
  const services = await consul.agent.service.list();
  assert.equal(services["js-api-1"].Service, "js-api");
  const checks = await consul.agent.check.list();
  assert.equal(checks["service:js-api-1"].Status, "passing");
  await consul.agent.service.deregister("js-api-1");
  assert.equal((await consul.agent.service.list())["js-api-1"], undefined);
});

test("kv set, get, cas and delete", async () => {
  assert.equal(await consul.kv.set("js/key", "one"), true);
  const item = await consul.kv.get("js/key");
  // The client escapes the key's "/" as %2F; the key is still js/key.
  assert.equal(item.Key, "js/key");
  assert.equal(item.Value, "one");
  assert.equal(await consul.kv.set({ key: "js/key", value: "two", cas: item.ModifyIndex }), true);
  // A refused write answers false, which this client resolves to a falsy value.
  assert.ok(!(await consul.kv.set({ key: "js/key", value: "three", cas: item.ModifyIndex })));
  assert.equal((await consul.kv.get("js/key")).Value, "two");
  assert.deepEqual(await consul.kv.keys("js/"), ["js/key"]);
  assert.equal(await consul.kv.del("js/key"), true);
  assert.equal(await consul.kv.get("js/key"), undefined);
});

test("a blocking watch sees the next write", async () => {
  await consul.kv.set("js/watched", "before");
  const watch = consul.watch({ method: consul.kv.get, options: { key: "js/watched", wait: "5s" }, backoffFactor: 100 });
  try {
    const values = [];
    const seen = new Promise((resolve, reject) => {
      watch.on("change", (data) => { values.push(data?.Value); if (data?.Value === "after") resolve(); });
      watch.on("error", reject);
    });
    // The first change is the current value; the write after it must wake the blocked query.
    while (values.length === 0) await new Promise((r) => setTimeout(r, 20));
    await consul.kv.set("js/watched", "after");
    await Promise.race([seen, new Promise((_, reject) => setTimeout(() => reject(new Error(`saw ${values}`)), 10000))]);
    assert.deepEqual(values, ["before", "after"]);
  } finally {
    watch.end();
  }
});

test("sessions hold one lock at a time; destroying the holder releases it", async () => {
  const first = (await consul.session.create({ name: "js-one", ttl: "15s", behavior: "release" })).ID;
  const second = (await consul.session.create({ name: "js-two", ttl: "15s" })).ID;
  assert.equal(await consul.kv.set({ key: "js/lock", value: "first", acquire: first }), true);
  assert.ok(!(await consul.kv.set({ key: "js/lock", value: "second", acquire: second })));
  assert.equal((await consul.kv.get("js/lock")).Session, first);
  const info = await consul.session.info(first);
  assert.equal(info.Behavior, "release");
  await consul.session.destroy(first);
  const released = await consul.kv.get("js/lock");
  assert.equal(released.Session, undefined);
  await consul.session.destroy(second);
});

test("a transaction applies all or nothing", async () => {
  const b64 = (s) => Buffer.from(s).toString("base64");
  const ok = await consul.transaction.create([
    { KV: { Verb: "set", Key: "js/t1", Value: b64("a") } },
    { KV: { Verb: "set", Key: "js/t2", Value: b64("b") } },
  ]);
  assert.equal(ok.Results.length, 2);
  await assert.rejects(
    consul.transaction.create([
      { KV: { Verb: "set", Key: "js/t3", Value: b64("c") } },
      { KV: { Verb: "cas", Key: "js/t1", Index: 1, Value: b64("x") } },
    ]),
    (err) => err.response.statusCode === 409,
  );
  assert.equal(await consul.kv.get("js/t3"), undefined);
  assert.equal((await consul.kv.get("js/t1")).Value, "a");
});

test("a transaction with catalog ops registers a node, service and check at once", async () => {
  const ok = await consul.transaction.create([
    { Node: { Verb: "set", Node: { Node: "js-txn", Address: "10.4.0.9" } } },
    { Service: { Verb: "set", Node: "js-txn", Service: { ID: "js-txn-1", Service: "js-txn", Port: 7071 } } },
    { Check: { Verb: "set", Check: { Node: "js-txn", CheckID: "js-txn-up", Name: "up", Status: "passing", ServiceID: "js-txn-1" } } },
  ]);
  assert.deepEqual(ok.Results.map((r) => Object.keys(r)[0]), ["Node", "Service", "Check"]);
  const rows = await consul.health.service({ service: "js-txn", passing: true });
  assert.deepEqual(rows.map((r) => [r.Node.Node, r.Service.Port]), [["js-txn", 7071]]);
  await assert.rejects(
    consul.transaction.create([
      { Node: { Verb: "delete", Node: { Node: "js-txn" } } },
      { Check: { Verb: "get", Check: { Node: "js-txn", CheckID: "missing" } } },
    ]),
    (err) => err.response.statusCode === 409,
  );
  assert.equal((await consul.catalog.service.nodes("js-txn")).length, 1);
});
