from datetime import date

from django.shortcuts import render

from eduenforce.officers.models import Certificate


def index(request):
    return render(request, "portal/index.html")


def verify_certificate(request, number: str):
    """亮证: what the QR code on a certificate opens. Name, department, number, validity, photo; nothing else."""
    certificate = Certificate.objects.select_related("officer__department").filter(number=number.strip()).first()
    if certificate is None:
        return render(request, "portal/certificate_not_found.html", {"number": number}, status=404)
    return render(request, "portal/certificate.html", {
        "certificate": certificate,
        "officer": certificate.officer,
        "valid_today": certificate.is_valid_on(date.today()) and certificate.officer.status == "active",
    })


def certificate_photo(request, number: str):
    """The officer's photo, the one file the certificate check shows publicly."""
    from django.http import FileResponse, Http404

    certificate = Certificate.objects.select_related("officer").filter(number=number.strip()).first()
    if certificate is None or not certificate.officer.photo:
        raise Http404
    response = FileResponse(certificate.officer.photo.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    return response
