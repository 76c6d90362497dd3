"""`zoneplan serve`: the app in a browser, through textual-serve.

server.py is the web server (a `textual_serve.server.Server` with an access token on every
request, its own offline page, and no shell); app_process.py starts one app process per
browser tab, confined to the served folders (core/confinement.py); token.py makes and checks
the token; browser_keys.py names the keys a browser keeps for itself. Only this package
imports textual_serve and aiohttp (an import-linter contract).
"""
