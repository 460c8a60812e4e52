-- Readers never wait for the writer, and a write is one append to the log. Persistent: it stays set in the file.
PRAGMA journal_mode = WAL;
