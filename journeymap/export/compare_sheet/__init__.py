"""The planned-vs-actual sheet: the map with what an event log shows on it, a side band of
figures, the segments page and "Figures in full". Entry point: `writer.write_compare_pdf`."""
