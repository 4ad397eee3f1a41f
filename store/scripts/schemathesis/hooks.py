"""Schemathesis hooks for the store's contract run (see ../schemathesis.sh).

After `101 Switching Protocols` the connection speaks WebSocket, not HTTP, but
`requests` returns it to its pool and would send the next request on it. Close
it once the upgrade is answered, so every later request gets a fresh connection.
"""

import schemathesis


def _close_upgraded_connection(response, **_):
    if response.status_code == 101 and response.raw.connection is not None:
        response.raw.connection.close()
    return response


@schemathesis.hook
def before_call(context, case, kwargs):
    kwargs.setdefault("hooks", {}).setdefault("response", []).append(_close_upgraded_connection)
