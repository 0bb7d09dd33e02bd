from django.shortcuts import render


def verify_certificate(request, number: str):
    """亮证: what the QR code on a certificate opens. Name, department, number, validity, photo; nothing else
    (the fields come from ``officers.verification.public_view``)."""
    from eduenforce.officers import verification

    certificate = verification.lookup(number)
    if certificate is None:
        response = render(request, "portal/certificate_not_found.html", {"number": number[:40]}, status=404)
        response.portal_page = True  # our own "查无此证", not the generic portal 404
    else:
        response = render(request, "portal/certificate.html", {"card": verification.public_view(certificate)})
    # The page shows only verification.PUBLIC_FIELDS, all public by law (亮证: name, unit, number,
    # validity). The generic masker would blank a certificate number that happens to look like an
    # ID or bank-card number, which would defeat the check.
    response.public_masked = True
    response["Cache-Control"] = "no-store"  # a suspension must show at the next scan
    return response


def certificate_photo(request, number: str):
    """The officer's photo (re-encoded JPEG), the one file the certificate check shows publicly."""
    from django.http import FileResponse, Http404

    from eduenforce.officers import verification

    certificate = verification.lookup(number)
    if certificate is None or not certificate.officer.photo:
        raise Http404
    response = FileResponse(certificate.officer.photo.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
