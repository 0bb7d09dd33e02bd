from django.urls import path

from eduenforce.planning.views import campaigns, items, plans, sampling_plans

app_name = "planning"
urlpatterns = [
    path("items/", items.item_list, name="items"),
    path("items/new/", items.item_create, name="item-create"),
    path("items/<int:pk>/", items.item_detail, name="item-detail"),
    path("items/<int:pk>/edit/", items.item_edit, name="item-edit"),
    path("items/<int:pk>/points/", items.point_add, name="point-add"),
    path("items/<int:pk>/points/<int:point_pk>/delete/", items.point_delete, name="point-delete"),
    path("items/<int:pk>/publish/", items.item_publish, name="item-publish"),
    path("items/<int:pk>/new-version/", items.item_new_version, name="item-new-version"),
    path("items/<int:pk>/withdraw/", items.item_withdraw, name="item-withdraw"),
    path("plans/", plans.plan_list, name="plans"),
    path("plans/new/", plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/lines/", plans.line_add, name="line-add"),
    path("plans/<int:pk>/lines/<int:line_pk>/delete/", plans.line_delete, name="line-delete"),
    path("plans/<int:pk>/publish/", plans.plan_publish, name="plan-publish"),
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:pk>/submit/", campaigns.campaign_submit, name="campaign-submit"),
    path("campaigns/<int:pk>/approve/", campaigns.campaign_approve, name="campaign-approve"),
    path("campaigns/<int:pk>/return/", campaigns.campaign_return, name="campaign-return"),
    path("campaigns/<int:pk>/publish/", campaigns.campaign_publish, name="campaign-publish"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close, name="campaign-close"),
    path("sampling-plans/", sampling_plans.sampling_plan_list, name="sampling-plans"),
    path("sampling-plans/new/", sampling_plans.sampling_plan_create, name="sampling-plan-create"),
    path("sampling-plans/<int:pk>/", sampling_plans.sampling_plan_detail, name="sampling-plan-detail"),
    path("sampling-plans/<int:pk>/edit/", sampling_plans.sampling_plan_edit, name="sampling-plan-edit"),
    path("sampling-plans/<int:pk>/strata/", sampling_plans.stratum_add, name="stratum-add"),
    path(
        "sampling-plans/<int:pk>/strata/<int:stratum_pk>/delete/",
        sampling_plans.stratum_delete,
        name="stratum-delete",
    ),
    path("sampling-plans/<int:pk>/departments/", sampling_plans.department_add, name="department-add"),
    path(
        "sampling-plans/<int:pk>/departments/<int:row_pk>/delete/",
        sampling_plans.department_delete,
        name="department-delete",
    ),
]
