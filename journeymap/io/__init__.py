"""Import and export: the workshop sheet (`sheet`) and the JSON map file (`mapfile`).

Both modules are light to import; openpyxl and jsonschema are imported only when used.
"""
