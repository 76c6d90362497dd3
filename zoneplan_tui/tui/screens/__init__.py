"""The app's screens: the reader, the library, search results, targets, tags, dialogs."""
