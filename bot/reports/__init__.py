"""Pure reports: a program snapshot in → Russian summary text, the .xlsx report, the evidence ZIP out."""
