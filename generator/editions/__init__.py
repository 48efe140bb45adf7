"""Editions: which records make a TV episode or a bulletin issue, and when they appear."""
