"""Log in, log out, change password, switch working role, and manage role grants at a unit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.org.models import Unit

from .forms import LoginForm, PasswordForm, RoleGrantForm
from .middleware import SESSION_KEY
from .models import RoleAssignment, User
from .policy import grants_of, require
from .services import role_grant, role_revoke


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordForm
    success_url = reverse_lazy("web:home")

    def form_valid(self, form):  # noqa: ANN001, ANN201
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return super().form_valid(form)


@require_POST
@login_required
def switch_role(request: HttpRequest) -> HttpResponse:
    """Choose which role and unit the user is working as (home page, default context)."""
    try:
        wanted = int(request.POST.get("assignment", ""))
    except ValueError:
        wanted = -1
    if any(g.assignment_id == wanted for g in grants_of(request.user)):
        request.session[SESSION_KEY] = wanted
    else:
        messages.error(request, _("Vai trò đã chọn không hợp lệ."))
    return redirect("web:home")


@require_POST
@login_required
def role_grant_view(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    require(request.user, "accounts.role.manage", unit)
    form = RoleGrantForm(request.POST)
    if form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"].strip()).first()
        if user is None:
            messages.error(
                request, _("Không có tài khoản “%(u)s”.") % {"u": form.cleaned_data["username"]}
            )
        else:
            try:
                role_grant(
                    actor=request.user,
                    user=user,
                    role=form.cleaned_data["role"],
                    unit=unit,
                    start_on=form.cleaned_data["start_on"],
                    end_on=form.cleaned_data["end_on"],
                )
                messages.success(request, _("Đã phân quyền cho %(u)s.") % {"u": user})
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse_lazy("org:unit_detail", args=[unit.code]) + "#roles")


@require_POST
@login_required
def role_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(RoleAssignment.objects.select_related("unit", "user"), pk=pk)
    require(request.user, "accounts.role.manage", assignment.unit)
    try:
        role_revoke(actor=request.user, assignment=assignment)
        messages.success(request, _("Đã thu hồi vai trò."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(reverse_lazy("org:unit_detail", args=[assignment.unit.code]) + "#roles")
