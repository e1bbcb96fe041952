"""The program's composition root: the one place that joins the core and the editor."""
