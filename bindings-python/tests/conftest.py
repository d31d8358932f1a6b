import sys
from pathlib import Path

# The installed wheel, never the source tree.
here = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() not in (here.parent / "python", here.parent)]
