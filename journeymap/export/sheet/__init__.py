"""The journey-map sheet: one A3 (or A4/A1/A0) report sheet, or a tiled set with an overview,
then the index and the journey check pages. Entry point: `writer.write_map_pdf`."""
