"""The Python half of the Node <-> Python store interop test (tests/interop/redis.test.mjs).

One command per run, arguments as JSON on argv[1], the answer as JSON on stdout, using the
installed jwtcore wheel's RedisStore, Sessions and RefreshService against the test's redis-server.
"""

from __future__ import annotations

import json
import sys

from jwtcore.session import SessionKeys
from jwtcore.stores import RedisStore, RefreshService, Sessions


def main() -> None:
    args = json.loads(sys.argv[1])
    store = RedisStore(url=args["url"])
    op = args["op"]
    if op in ("create_session", "load_session"):
        sessions = Sessions(store, SessionKeys(bytes.fromhex(args["session_secret"])))
        if op == "create_session":
            sid, set_cookie = sessions.create(args["user"], args.get("data"))
            out = {"sessionId": sid, "cookie": set_cookie.split(";")[0]}
        else:
            s = sessions.load(args["cookie"], args.get("now"))
            out = None if s is None else {"user": s.user, "data": s.data, "id": s.id}
    else:
        service = RefreshService(store, bytes.fromhex(args["refresh_secret"]))
        if op == "start_family":
            o = service.start(args.get("user"))
        elif op == "refresh":
            o = service.refresh(args["token"])
        else:
            raise SystemExit(f"unknown op {op}")
        out = {"kind": o.kind, "family": o.family, "token": o.token, "reason": o.reason}
    store.close()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
