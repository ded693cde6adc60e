"""Runs Ralph's xAPI LRS on 127.0.0.1:PORT with the fs backend, for rollcall's LRS tests.

Usage: python ralph-lrs.py PORT   (RALPH_* environment variables as in .ci/lrs.sh)

Ralph's fs backend writes statements with the "create" operation, which refuses to write to
its statements file once it exists: as shipped it stores the first POST and answers 500 to
every later one. Making it append turns it into a usable test LRS; nothing else changes.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the patch, so the backend picks it up)

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
