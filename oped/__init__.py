"""Publish a Chinese newspaper's OCR'd opinion pages as a structured, bilingual static site."""

__version__ = "0.1.0"
