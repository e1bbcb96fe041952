"""The responsibility matrix (RACI) as CSV, XLSX and PDF. Entry points: `matrix.write_raci_csv`,
`matrix.write_raci_xlsx`, `matrix.write_raci_pdf`."""
