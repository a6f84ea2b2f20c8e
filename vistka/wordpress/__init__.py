"""Import of WordPress sites (WXR exports) into Vistka (issue 19)."""
