import sys
from pathlib import Path

# The installed wheel, never the source tree.
here = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() not in (here.parent / "python", here.parent)]


import shutil as _shutil  # noqa: E402

import pytest  # noqa: E402

sys.path.insert(0, str(here))
from redis_server import RedisCluster, RedisServer  # noqa: E402


@pytest.fixture(scope="session")
def redis_server():
    """A private redis-server on 127.0.0.1 (ephemeral port, temp dir), stopped at the end."""
    if _shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (scripts/test-python.sh installs it)")
    pytest.importorskip("redis")
    server = RedisServer()
    server.start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def redis_cluster():
    """A private 3-master Redis Cluster on 127.0.0.1 (ephemeral ports, temp dir), started once
    per test session and stopped at the end."""
    if _shutil.which("redis-server") is None or _shutil.which("redis-cli") is None:
        pytest.skip("redis-server/redis-cli are not installed (scripts/test-python.sh installs them)")
    pytest.importorskip("redis")
    cluster = RedisCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.cleanup()


STORE_KINDS = ["memory", "redis", "cluster"]


def open_store(request, kind: str):
    """A fresh synchronous store of ``kind``: MemoryStore, RedisStore on the private
    redis-server, or RedisStore on the private 3-master cluster (emptied first)."""
    from jwtcore import stores

    if kind == "memory":
        return stores.MemoryStore()
    if kind == "redis":
        st = stores.RedisStore(url=request.getfixturevalue("redis_server").url)
    else:
        st = stores.RedisStore(url=request.getfixturevalue("redis_cluster").url, cluster=True)
    st.client.flushdb()
    return st


@pytest.fixture(params=STORE_KINDS)
def any_store(request):
    """Each synchronous store in turn: memory, standalone Redis, Redis Cluster."""
    st = open_store(request, request.param)
    yield st
    st.close()
