"""The pieces of the "Văn bản đi" page: the register table model and the cancel dialog."""
