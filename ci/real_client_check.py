#!/usr/bin/env python3
"""Drive a real kontor server with the real PyPI `onoffice` 0.2.0 client.

Usage: real_client_check.py PATH/TO/kontor

The script builds nothing. It creates a throw-away data directory, a tenant and an
API user with known credentials, starts `kontor serve` on a free port, and then:

* uses the unmodified `onoffice` package (its own HMAC code and its own
  `requests.get(..., json=...)` transport) to call the server, and
* sends hand-built HMAC v2 requests with plain `requests` (a correct one and one
  with a wrong HMAC).

One line per check, then `real-client: N passed, M failed`. Exit code 1 if any
check failed. The server is always stopped; its output is printed on failure.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import requests
from onoffice.actions import Action
from onoffice.api import API
from onoffice.parameters import Data, Filter, Newsletter, Parameter, ReadParameter
from onoffice.resources import Resource

ACTION_GET = "urn:onoffice-de-ns:smart:2.5:smartml:action:get"
STARTUP_TIMEOUT_S = 30
CHECK_TIMEOUT_S = 30  # the onoffice package sets no HTTP timeout, so guard every check
REQUEST_TIMEOUT_S = 10


# --- Extensions passed into the real package -------------------------------------------
# `API.get_action` and `create_hmac` only read `resource.value`, and the package's
# `Resource` enum has no `actionkindtypes`. A second enum with the same shape lets the
# unmodified package sign and send `get actionkindtypes`.
class ExtraResource(enum.Enum):
    ACTIONKINDTYPES = "actionkindtypes"
    # The package has `Resource.RELATION` for writing links, but nothing for reading them.
    IDSFROMRELATION = "idsfromrelation"
    # A resource type no onOffice server knows: the answer must be an action error.
    UNKNOWN = "kontorcinosuchresource"


class Fields(Data):
    """Record fields for `create_resource`/`edit_resource`, which send them flat."""

    def __init__(self, **fields: Any):
        self.fields = fields

    def serialize_data(self) -> dict[str, Any]:
        return self.fields


class IdsParameter(Parameter):
    """`parameters` of `get idsfromrelation`."""

    def __init__(self, relationtype: str, parentids: list[int]):
        self.relationtype = relationtype
        self.parentids = parentids

    def serialize(self) -> dict:
        return {"relationtype": self.relationtype, "parentids": self.parentids}


class LangParameter(Parameter):
    """`parameters` of `get actionkindtypes`."""

    def serialize(self) -> dict:
        return {"lang": "ENG"}


# --- Helpers ---------------------------------------------------------------------------
def hmac_v2(secret: str, timestamp: int, token: str, resourcetype: str, actionid: str) -> str:
    """HMAC v2 as documented, written independently of the onoffice package."""
    message = f"{timestamp}{token}{resourcetype}{actionid}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_env() -> dict[str, str]:
    # Only the command-line flags may decide where kontor stores data and listens;
    # a KONTOR_* variable left in the CI environment must not redirect it.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KONTOR_")}
    env.setdefault("RUST_LOG", "info")
    return env


def run_admin(kontor: str, data_dir: Path, *args: str) -> None:
    cmd = [kontor, *args, "--data-dir", str(data_dir)]
    proc = subprocess.run(cmd, env=child_env(), capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} exited with {proc.returncode}\n"
            f"--- stdout\n{proc.stdout}--- stderr\n{proc.stderr}"
        )


def expect(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


def check_actionkind_records(records: Any) -> int:
    expect(isinstance(records, list) and records, f"records must be a non-empty list, got {records!r:.200}")
    for i, rec in enumerate(records):
        expect(isinstance(rec, dict), f"record is not an object: {rec!r:.200}")
        # List-like gets number their records 0..n-1 (JSON ints), as the real API does.
        expect(rec.get("id") == i and rec.get("type") == "actionkind", f"bad record head at {i}: {rec!r:.200}")
        elements = rec.get("elements")
        expect(isinstance(elements, dict), f"elements is not an object: {rec!r:.200}")
        for key in ("key", "label", "types", "default"):
            expect(key in elements, f"elements lacks {key!r}: {elements!r:.200}")
        expect(isinstance(elements["types"], (dict, list)), f"types must be object or []: {elements!r:.200}")
    return len(records)


class Timeout(Exception):
    pass


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise Timeout(f"check took longer than {CHECK_TIMEOUT_S} s")


# --- The checks ------------------------------------------------------------------------
class Checks:
    def __init__(self, base: str, token: str, secret: str):
        self.base = base
        self.endpoint = f"{base}/api/stable/api.php"
        self.token = token
        self.secret = secret

    def client(self, secret: str | None = None) -> API:
        api = API(token=self.token, secret=secret or self.secret)
        # The package hard-codes the production endpoint in __init__; point it here.
        api.endpoint = self.endpoint
        return api

    def hmac_vector(self) -> str:
        got = hmac_v2("testsecret", 1646228220, "testtoken", "estate",
                      "urn:onoffice-de-ns:smart:2.5:smartml:action:read")
        expect(got == "GPPsSTdKyh0IO7qJVq07DpL2E9bhNVPxI5vHfeqIPr4=", f"test vector mismatch: {got}")
        return "the script's own HMAC v2 matches the documented vector"

    def probes(self) -> str:
        for path in ("/healthz", "/readyz", "/metrics"):
            r = requests.get(self.base + path, timeout=REQUEST_TIMEOUT_S)
            expect(r.status_code == 200, f"GET {path} -> HTTP {r.status_code}")
        return "/healthz, /readyz, /metrics answer 200"

    def onoffice_actionkindtypes(self) -> str:
        api = self.client()
        result = api.request([api.get_action(ExtraResource.ACTIONKINDTYPES, Action.INFORMATION, LangParameter())])
        # On success the package returns {"count": cntabsolute, "data": records}.
        expect(isinstance(result, dict) and set(result) == {"count", "data"},
               f"client did not return a success result: {result!r:.300}")
        expect(result["count"] is None, f"cntabsolute must be null for actionkindtypes, got {result['count']!r}")
        n = check_actionkind_records(result["data"])
        return f"onoffice API.request(get actionkindtypes) -> {n} action kinds"

    def onoffice_unknown_resource(self) -> str:
        api = self.client()
        result = api.request([api.get_action(ExtraResource.UNKNOWN, Action.INFORMATION, Parameter())])
        # On top-level status 500 the package returns results[0]["status"] instead of data.
        expect(isinstance(result, dict) and "errorcode" in result,
               f"client did not return an action status: {result!r:.300}")
        code = result["errorcode"]
        expect(code == 25, f"expected error 25 (unknown resource type), got {result!r:.300}")
        expect(ExtraResource.UNKNOWN.value in str(result.get("message")),
               f"message should name the resource type: {result!r:.300}")
        return f"onoffice unknown resource -> action status {code} {result['message']!r}"

    def onoffice_read_estate(self) -> str:
        # The package's own enums. `request` (not `read_resource`, which cannot handle an
        # error status) so that either a supported read or a clean action error passes.
        api = self.client()
        result = api.request([api.get_action(Resource.ESTATE, Action.READ, ReadParameter(data=["Id"], limit=1))])
        expect(isinstance(result, dict), f"unexpected result: {result!r:.300}")
        if "errorcode" in result:
            code = result["errorcode"]
            expect(isinstance(code, int) and code not in (0, 137), f"unexpected status: {result!r:.300}")
            return f"onoffice read estate -> action status {code} {result.get('message')!r}"
        expect(isinstance(result.get("count"), int) and isinstance(result.get("data"), list),
               f"read must give an int count and a list: {result!r:.300}")
        return f"onoffice read estate -> count {result['count']}"

    def onoffice_estate_round_trip(self) -> str:
        """create -> read -> modify -> read with the package's own methods."""
        api = self.client()
        created = api.create_resource(Resource.ESTATE, Fields(objektart="haus", kaufpreis="349000", ort="Aachen"))
        expect(isinstance(created, dict) and "data" in created, f"create: {created!r:.300}")
        estate_id = created["data"][0]["id"]
        expect(isinstance(estate_id, int), f"create must return an int id: {created!r:.300}")
        read = ReadParameter(data=["Id", "kaufpreis", "objektart"], filters=[Filter(key="Id", op="=", val=estate_id)])
        first, more = api.read_resource(Resource.ESTATE, read)
        expect(first["count"] == 1 and more is None, f"read: {first!r:.300}")
        elements = first["data"][0]["elements"]
        expect(elements == {"Id": str(estate_id), "kaufpreis": "349000.00", "objektart": "haus"}, f"read: {elements!r}")
        edited = api.edit_resource(Resource.ESTATE, estate_id, Fields(kaufpreis="339000"))
        expect(edited["data"][0]["elements"] == {"success": "success"}, f"modify: {edited!r:.300}")
        again, _ = api.read_resource(Resource.ESTATE, ReadParameter(data=["kaufpreis"], filters=[Filter(key="Id", op="=", val=estate_id)]))
        price = again["data"][0]["elements"]["kaufpreis"]
        expect(price == "339000.00", f"read after modify: {again!r:.300}")
        return f"estate {estate_id}: created, read, modified to {price}, read back"

    def onoffice_address_newsletter(self) -> str:
        """The package's own Newsletter modify on an address it created."""
        api = self.client()
        created = api.create_resource(Resource.ADDRESS, Fields(Vorname="Erika", Name="Muster", email="erika@example.org"))
        address_id = created["data"][0]["id"]
        edited = api.edit_resource(Resource.ADDRESS, address_id, Newsletter(newsletter=1))
        expect(edited["data"][0]["elements"] == {"success": "success"}, f"modify: {edited!r:.300}")
        read, _ = api.read_resource(Resource.ADDRESS, ReadParameter(data=["Name", "newsletter_aktiv", "email"], filters=[Filter(key="Name", op="=", val="Muster")]))
        elements = read["data"][0]["elements"]
        expect(elements.get("id") == address_id and elements.get("newsletter_aktiv") == "1", f"read: {elements!r}")
        expect("erika@example.org" in elements.values(), f"the e-mail entry is read back: {elements!r}")
        return f"address {address_id}: created, newsletter_aktiv set to 1, read back"

    def onoffice_relation_round_trip(self) -> str:
        """create relation with the package's own `create_resource(Resource.RELATION, …)`,
        then get idsfromrelation reads it back."""
        api = self.client()
        estate = api.create_resource(Resource.ESTATE, Fields(objekttitel="relation-check"))
        estate_id = estate["data"][0]["id"]
        owner = api.create_resource(Resource.ADDRESS, Fields(Vorname="Otto", Name="Eigner"))
        owner_id = owner["data"][0]["id"]
        owner_type = "urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner"
        linked = api.create_resource(
            Resource.RELATION, Fields(relationtype=owner_type, parentid=[estate_id], childid=[owner_id]))
        expect(linked.get("data") == [{"id": 0, "type": "relation", "elements": {"success": "success"}}],
               f"create relation: {linked!r:.300}")
        result = api.request([api.get_action(
            ExtraResource.IDSFROMRELATION, Action.INFORMATION, IdsParameter(owner_type, [estate_id, 999999]))])
        expect(result.get("count") is None, f"cntabsolute must be null: {result!r:.300}")
        records = result.get("data")
        expect(isinstance(records, list) and len(records) == 1, f"one record expected: {result!r:.300}")
        head = {k: records[0].get(k) for k in ("id", "type")}
        expect(head == {"id": "relatedIds", "type": ""}, f"record head: {records[0]!r:.300}")
        elements = records[0].get("elements")
        want = {str(estate_id): [str(owner_id)], "999999": []}
        expect(elements == want, f"related ids {elements!r}, expected {want!r}")
        return f"estate {estate_id} owned by address {owner_id}: linked, read back as {elements}"

    def onoffice_paging(self) -> str:
        """read_resource's own paging walks every page by cntabsolute."""
        api = self.client()
        for i in range(7):
            api.create_resource(Resource.ESTATE, Fields(objekttitel=f"paging-{i}", kaufpreis=str(100000 + i)))
        params = ReadParameter(data=["objekttitel"], filters=[Filter(key="objekttitel", op="like", val="paging-%")], limit=3)
        seen, pages, next_page = [], 0, None
        response, next_page = api.read_resource(Resource.ESTATE, params)
        while True:
            pages += 1
            seen += [r["elements"]["objekttitel"] for r in response["data"]]
            if next_page is None:
                break
            response, next_page = next_page()
        expect(pages == 3 and sorted(seen) == [f"paging-{i}" for i in range(7)], f"pages {pages}: {seen}")
        return "7 estates read in 3 pages of 3 by the package's own paging"

    def onoffice_wrong_secret(self) -> str:
        api = self.client(secret="x" * 64)
        result = api.request([api.get_action(ExtraResource.ACTIONKINDTYPES, Action.INFORMATION, LangParameter())])
        expect(isinstance(result, dict) and result.get("errorcode") == 137,
               f"expected action status 137, got {result!r:.300}")
        return "onoffice with a wrong secret -> action status 137"

    def _post(self, hmac_value: str, timestamp: int) -> dict:
        body = {
            "token": self.token,
            "request": {"actions": [{
                "actionid": ACTION_GET,
                "resourceid": "",
                "resourcetype": "actionkindtypes",
                "identifier": "",
                "timestamp": timestamp,
                "hmac_version": 2,
                "hmac": hmac_value,
                "parameters": {"lang": "ENG"},
            }]},
        }
        # POST, as the official SDK does (the onoffice package already covers GET).
        r = requests.post(self.endpoint, json=body, timeout=REQUEST_TIMEOUT_S)
        expect(r.status_code == 200, f"HTTP {r.status_code}: {r.text[:300]}")
        return r.json()

    def raw_signed(self) -> str:
        ts = int(time.time())
        doc = self._post(hmac_v2(self.secret, ts, self.token, "actionkindtypes", ACTION_GET), ts)
        expect(doc.get("status") == {"code": 200, "errorcode": 0, "message": "OK"},
               f"top-level status: {doc.get('status')!r}")
        results = doc["response"]["results"]
        expect(len(results) == 1, f"expected 1 result, got {len(results)}")
        res = results[0]
        expect(res.get("actionid") == ACTION_GET and res.get("resourcetype") == "actionkindtypes",
               f"result does not echo the action: {res!r:.300}")
        expect(res.get("status", {}).get("errorcode") == 0, f"action status: {res.get('status')!r}")
        expect(res["data"]["meta"].get("cntabsolute", "missing") is None,
               f"cntabsolute: {res['data']['meta']!r}")
        n = check_actionkind_records(res["data"]["records"])
        return f"requests POST signed get actionkindtypes -> {n} records"

    def raw_bad_hmac(self) -> str:
        ts = int(time.time())
        wrong = hmac_v2("not-the-secret", ts, self.token, "actionkindtypes", ACTION_GET)
        doc = self._post(wrong, ts)
        expect(doc.get("status", {}).get("code") == 500 and doc["status"].get("errorcode") == 97,
               f"top-level status: {doc.get('status')!r}")
        status = doc["response"]["results"][0]["status"]
        expect(status.get("errorcode") == 137, f"action status: {status!r}")
        return "requests POST with a wrong HMAC -> 500/97, action error 137"


def main() -> int:
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PATH/TO/kontor", file=sys.stderr)
        return 2
    kontor = str(Path(sys.argv[1]).resolve())
    if not os.access(kontor, os.X_OK):
        print(f"not an executable: {kontor}", file=sys.stderr)
        return 2

    token = secrets.token_hex(16)   # 32 characters
    secret = secrets.token_hex(32)  # 64 characters
    tmp = Path(tempfile.mkdtemp(prefix="kontor-real-client-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    passed = failed = 0
    server: subprocess.Popen | None = None
    out_path, err_path = tmp / "server.stdout", tmp / "server.stderr"

    def record(name: str, fn: Callable[[], str]) -> bool:
        nonlocal passed, failed
        signal.alarm(CHECK_TIMEOUT_S)
        try:
            detail = fn()
        except Exception as exc:  # noqa: BLE001 - every failure becomes a FAIL line
            failed += 1
            print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
            return False
        finally:
            signal.alarm(0)
        passed += 1
        print(f"ok   {name}: {detail}", flush=True)
        return True

    signal.signal(signal.SIGALRM, _on_alarm)
    try:
        def setup() -> str:
            run_admin(kontor, tmp, "tenant", "create", "ci")
            run_admin(kontor, tmp, "apiuser", "create", "--tenant", "ci", "--token", token, "--secret", secret)
            return "tenant ci and its API user created"

        def start() -> str:
            nonlocal server
            # Files, not pipes: nobody reads the output while the checks run, and a full
            # pipe would block the server.
            with out_path.open("wb") as out, err_path.open("wb") as err:
                server = subprocess.Popen(
                    [kontor, "serve", "--data-dir", str(tmp), "--listen", f"127.0.0.1:{port}"],
                    env=child_env(), stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                )
            deadline = time.monotonic() + STARTUP_TIMEOUT_S
            while time.monotonic() < deadline:
                if server.poll() is not None:
                    raise RuntimeError(f"kontor serve exited with {server.returncode}")
                try:
                    if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                        return f"kontor serve is healthy on port {port}"
                except requests.RequestException:
                    pass
                time.sleep(0.2)
            raise RuntimeError(f"/healthz did not answer 200 within {STARTUP_TIMEOUT_S} s")

        # Without a running server the remaining checks cannot say anything.
        if record("setup", setup) and record("start", start):
            checks = Checks(base, token, secret)
            record("hmac-vector", checks.hmac_vector)
            record("probes", checks.probes)
            record("onoffice-actionkindtypes", checks.onoffice_actionkindtypes)
            record("onoffice-unknown-resource", checks.onoffice_unknown_resource)
            record("onoffice-read-estate", checks.onoffice_read_estate)
            record("onoffice-wrong-secret", checks.onoffice_wrong_secret)
            record("onoffice-estate-round-trip", checks.onoffice_estate_round_trip)
            record("onoffice-address-newsletter", checks.onoffice_address_newsletter)
            record("onoffice-relation-round-trip", checks.onoffice_relation_round_trip)
            record("onoffice-paging", checks.onoffice_paging)
            record("raw-signed", checks.raw_signed)
            record("raw-bad-hmac", checks.raw_bad_hmac)
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if failed:
            for label, path in (("stdout", out_path), ("stderr", err_path)):
                if path.exists():
                    print(f"--- kontor serve {label}", flush=True)
                    print(path.read_text(errors="replace"), end="", flush=True)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"real-client: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
