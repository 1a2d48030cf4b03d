"""The pieces of the "Tuân thủ" page: the matrix and gap models, and the colour legend."""
