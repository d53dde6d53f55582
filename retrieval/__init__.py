"""Embeddings, FAISS vector index, keyword index, hybrid search and the library store."""
