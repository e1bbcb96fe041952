"""Print and office deliverables: the journey-map PDF (A3 report sheet or tiled set) and the
RACI matrix as PDF, CSV and XLSX.

`pdf_map.write_map_pdf` and `raci.write_raci_pdf/csv/xlsx` are the entry points the command
line uses. Every PDF embeds the bundled TrueType fonts of `resources/fonts` (see `fonts`).
"""
