"""Result types and chunk sizes shared by the compiler and QuerySet."""

GET_ITERATOR_CHUNK_SIZE = 100
MULTI = "multi"
SINGLE = "single"
CURSOR = "cursor"
NO_RESULTS = "no_results"
ROW_COUNT = "cursor_rowcount"
