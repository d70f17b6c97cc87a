print("url-notes: under construction")
