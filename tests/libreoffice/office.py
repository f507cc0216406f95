"""The UNO connection the LibreOffice test scripts share: a running headless LibreOffice
listening on 127.0.0.1:PORT, waited for while it starts."""
import time

import uno


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    deadline = time.time() + 60
    while True:
        try:
            return resolver.resolve(url)
        except Exception:  # LibreOffice is still starting
            if time.time() > deadline:
                raise
            time.sleep(0.25)
