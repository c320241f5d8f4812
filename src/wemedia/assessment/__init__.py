"""Monthly and annual reports (clause 6.1): figures from the Archive, written as Markdown and XLSX."""
