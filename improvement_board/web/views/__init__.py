"""The pages: each translates a request into one selector or service call and renders."""
