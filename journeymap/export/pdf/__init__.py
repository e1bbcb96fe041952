"""What every Journeymap PDF shares: the canvas, the bundled fonts, one line of text in any
script (`typeset`, with `bidi`), the look (`theme`), the page frame and its chrome (title
block, legend, footer), the text flow, the stage x lane grid and its view-model."""
