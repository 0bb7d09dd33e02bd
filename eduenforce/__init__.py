"""EduEnforce: the administrative law-enforcement platform of a district education bureau."""
