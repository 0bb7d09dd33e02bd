"""Helpers shared by the apps' tests (factories, transition checks); never imported by app code."""
