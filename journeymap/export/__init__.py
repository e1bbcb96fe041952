"""Print and office deliverables, one subpackage per deliverable:

- `sheet/`: the journey-map PDF (an A3 report sheet, or a tiled set) — `sheet.writer.write_map_pdf`;
- `compare_sheet/`: the planned-vs-actual PDF — `compare_sheet.writer.write_compare_pdf`;
- `raci/`: the RACI matrix as CSV, XLSX and PDF — `raci.matrix.write_raci_csv/xlsx/pdf`;
- `pdf/`: what the PDFs share (page frame, chrome, grid, text in every script, fonts, theme);
- `formats.py`: every export format, the one dispatch the command line and the editor call.

Every PDF embeds the bundled TrueType fonts of `resources/fonts` (see `pdf.fonts`).
"""
