import sys
from pathlib import Path

# The installed wheel, never the source tree.
here = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() not in (here.parent / "python", here.parent)]


import shutil as _shutil  # noqa: E402

import pytest  # noqa: E402

sys.path.insert(0, str(here))
from redis_server import RedisServer  # noqa: E402


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
