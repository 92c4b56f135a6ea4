"""One reader module per source format; ``load.READERS`` maps file extensions to them."""
