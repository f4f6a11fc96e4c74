"""The brief: HTML report and exports."""
