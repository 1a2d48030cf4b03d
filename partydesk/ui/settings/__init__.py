"""Parts of the "Cài đặt" page that are more than a form field: the office's committee terms
(which restart document numbering) and the holiday table."""
