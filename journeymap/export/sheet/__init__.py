"""The journey-map sheet: one A3 (or A4/A1/A0) report sheet, or a tiled set with an overview,
then the index and the journey check pages. Entry point: `writer.write_map_pdf`;
`whole_page.write_whole_map_page` is the one-page sheet the PNG and SVG exports render."""
