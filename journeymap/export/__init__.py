"""Print and office deliverables: the journey-map PDF (A3 report sheet or tiled set), the
planned-vs-actual PDF and the RACI matrix as PDF, CSV and XLSX.

`pdf_map.write_map_pdf`, `pdf_compare.write_compare_pdf` and `raci.write_raci_pdf/csv/xlsx`
are the entry points the command line uses. Both sheets share their page frame
(`pdf_frame`), chrome (`pdf_sheet`) and grid (`pdf_grid`). Every PDF embeds the bundled
TrueType fonts of `resources/fonts` (see `fonts`).
"""
